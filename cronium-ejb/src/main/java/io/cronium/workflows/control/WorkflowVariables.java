package io.cronium.workflows.control;

import io.cronium.common.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Workflow variables: keys a workflow declares (with default values) that its steps share during one run. In a step,
 * {@code getVariable} of a declared key reads the run's value and {@code setVariable} changes it for the steps that
 * start later; every other key is the user's own variable, as outside a workflow. Kept as a JSON object of strings.
 */
public final class WorkflowVariables {

    private WorkflowVariables() {
    }

    public static JsonObject toJson(Map<String, String> variables) {
        var json = Jsons.createObjectBuilder();
        variables.forEach(json::add);
        return json.build();
    }

    /** The variables of a JSON object of strings; null or empty text: none. */
    public static Map<String, String> parse(String json) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return variables;
        }
        try (var reader = Jsons.createReader(new StringReader(json))) {
            reader.readObject().forEach((k, v) -> variables.put(k, text(v)));
        }
        return variables;
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}
