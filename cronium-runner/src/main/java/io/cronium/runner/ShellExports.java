package io.cronium.runner;

import java.util.Map;

/** A run's environment as {@code export NAME='value'} lines for a POSIX shell, quoted so no value runs as code. */
public final class ShellExports {

    private ShellExports() {
    }

    public static String of(Map<String, String> env) {
        var text = new StringBuilder();
        env.forEach((name, value) -> text.append("export ").append(name).append("='")
                .append(value.replace("'", "'\\''")).append("'\n"));
        return text.toString();
    }
}
