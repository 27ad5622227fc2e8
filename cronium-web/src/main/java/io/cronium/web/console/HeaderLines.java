package io.cronium.web.console;

import java.util.LinkedHashMap;
import java.util.Map;

/** HTTP headers as the console edits them: one "Name: value" per line. */
final class HeaderLines {

    private HeaderLines() {
    }

    /** Throws IllegalArgumentException with the offending line when one has no colon. */
    static Map<String, String> parse(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text == null) {
            return headers;
        }
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(line.strip());
            }
            headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return headers;
    }

    static String format(Map<String, String> headers) {
        var text = new StringBuilder();
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.toString();
    }
}
