package io.cronium.variables.control;

import io.cronium.common.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What a variable's key and value may be, the same through the API and from a script's setVariable. */
public final class VariableRules {

    public static final int MAX_VALUE_CHARS = 1_048_576;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,255}");

    private VariableRules() {
    }

    public static List<FieldError> check(String key, String value) {
        List<FieldError> errors = new ArrayList<>();
        if (key == null || !KEY.matcher(key).matches()) {
            errors.add(new FieldError("key", "1 to 255 of A-Z, a-z, 0-9, '_', '.', ':' and '-'"));
        }
        if (value == null) {
            errors.add(new FieldError("value", "is required"));
        } else if (value.length() > MAX_VALUE_CHARS) {
            errors.add(new FieldError("value", "at most " + MAX_VALUE_CHARS + " characters"));
        }
        return errors;
    }
}
