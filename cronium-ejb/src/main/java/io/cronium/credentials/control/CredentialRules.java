package io.cronium.credentials.control;

import io.cronium.common.Jsons;
import io.cronium.common.FieldError;
import io.cronium.tools.control.CredentialField;
import io.cronium.tools.control.ToolPlugin;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks submitted credentials against the plugin's fields, naming each bad field as {@code credentials.<name>}.
 * On a change, a secret field left out keeps its stored value (a user edits the channel without pasting the token
 * again); an empty text removes an optional field.
 */
public final class CredentialRules {

    /** The values to store, or what is wrong with the submission. */
    public record Checked(CredentialValues values, List<FieldError> errors) {
    }

    static final int MAX_TEXT = 16_384;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]+\\]");

    private CredentialRules() {
    }

    public static Checked check(ToolPlugin plugin, Map<String, Object> submitted, CredentialValues stored) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : submitted.keySet()) {
            if (plugin.field(name).isEmpty()) {
                errors.add(new FieldError("credentials." + name, "not a field of " + plugin.name() + "; its fields are "
                        + plugin.credentials().stream().map(CredentialField::name).toList()));
            }
        }
        for (CredentialField field : plugin.credentials()) {
            Object value = submitted.get(field.name());
            if (value == null && field.secret() && stored.values().containsKey(field.name())) {
                values.put(field.name(), stored.values().get(field.name()));
                continue;
            }
            if (value == null || "".equals(value)) {
                if (field.required()) {
                    errors.add(new FieldError("credentials." + field.name(), "required (" + field.label() + ")"));
                }
                continue;
            }
            String problem = problem(field, value);
            if (problem != null) {
                errors.add(new FieldError("credentials." + field.name(), problem));
            } else {
                values.put(field.name(), normalized(field, value));
            }
        }
        if (!plugin.oneOfRequired().isEmpty() && plugin.oneOfRequired().stream().noneMatch(values::containsKey)
                && errors.isEmpty()) {
            errors.add(new FieldError("credentials." + plugin.oneOfRequired().get(0),
                    plugin.name() + " needs one of " + plugin.oneOfRequired()));
        }
        return new Checked(new CredentialValues(values), errors);
    }

    /** What is wrong with a given value, or null. */
    private static String problem(CredentialField field, Object value) {
        if (field.kind() == CredentialField.Kind.PORT) {
            return port(value) == null ? "a port number from 1 to 65535" : null;
        }
        if (field.kind() == CredentialField.Kind.JSON_OBJECT) {
            return value instanceof Map || (value instanceof String s && jsonObject(s) != null) ? null
                    : "a JSON object (or its text)";
        }
        if (!(value instanceof String text)) {
            return "must be text";
        }
        if (text.length() > MAX_TEXT) {
            return "at most " + MAX_TEXT + " characters";
        }
        if (!field.choices().isEmpty() && !field.choices().contains(text)) {
            return "one of " + field.choices();
        }
        return switch (field.kind()) {
            case URL -> url(text) ? null : "an absolute http or https URL";
            case EMAIL -> EMAIL.matcher(text).matches() ? null : "an e-mail address";
            case HOST -> HOST.matcher(text).matches() ? null : "a host name or address, without scheme or port";
            default -> text.isBlank() ? "must not be blank" : null;
        };
    }

    private static String normalized(CredentialField field, Object value) {
        return switch (field.kind()) {
            case PORT -> port(value).toString();
            case JSON_OBJECT -> value instanceof String s ? jsonObject(s).toString() : Jsons.createObjectBuilder(
                    castMap(value)).build().toString();
            default -> (String) value;
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static Integer port(Object value) {
        try {
            int port = value instanceof BigDecimal d ? d.intValueExact()
                    : value instanceof Number n ? Math.toIntExact(n.longValue())
                    : value instanceof String s ? Integer.parseInt(s.strip()) : 0;
            return port >= 1 && port <= 65535 ? port : null;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean url(String text) {
        try {
            URI uri = new URI(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static JsonObject jsonObject(String text) {
        try (var reader = Jsons.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }
}
