package io.cronium.credentials.control;

import io.cronium.common.Jsons;
import io.cronium.tools.control.CredentialField;
import io.cronium.tools.control.ToolPlugin;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checked values of one credential, field by field; stored as one JSON object, encrypted as a whole. */
public record CredentialValues(Map<String, String> values) {

    public CredentialValues {
        values = Map.copyOf(values);
    }

    public static CredentialValues none() {
        return new CredentialValues(Map.of());
    }

    public static CredentialValues fromJson(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        try (var reader = Jsons.createReader(new StringReader(json))) {
            reader.readObject().forEach((k, v) -> values.put(k, ((JsonString) v).getString()));
        }
        return new CredentialValues(values);
    }

    public String toJson() {
        var object = Jsons.createObjectBuilder();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> object.add(e.getKey(), e.getValue()));
        return object.build().toString();
    }

    /** What may be shown: the values of the plugin's fields that are not secret. */
    public Map<String, String> shown(ToolPlugin plugin) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (CredentialField f : plugin.credentials()) {
            if (!f.secret() && values.containsKey(f.name())) {
                shown.put(f.name(), values.get(f.name()));
            }
        }
        return shown;
    }

    /** The names of the secret fields that hold a value (the values themselves are never shown). */
    public List<String> secretsSet(ToolPlugin plugin) {
        return plugin.credentials().stream().filter(f -> f.secret() && values.containsKey(f.name()))
                .map(CredentialField::name).toList();
    }

    /** The secret values, for masking them wherever a run could print them. */
    public List<String> secrets(ToolPlugin plugin) {
        return plugin.credentials().stream().filter(f -> f.secret() && values.containsKey(f.name()))
                .map(f -> values.get(f.name())).toList();
    }
}
