package io.cronium.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The launcher's settings, from environment variables (each also accepted as a -D system property). */
public record LauncherSettings(
        int port,
        Path dataDir,
        Optional<String> databaseUrl,
        String databaseUser,
        String databasePassword,
        String javaOptions,
        Path distribution) {

    public static LauncherSettings from(Map<String, String> env, Path distribution) {
        String port = setting(env, "CRONIUM_PORT", "8080");
        int parsedPort;
        try {
            parsedPort = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CRONIUM_PORT must be a number, got '" + port + "'");
        }
        if (parsedPort < 1 || parsedPort > 65535) {
            throw new IllegalArgumentException("CRONIUM_PORT must be between 1 and 65535, got " + parsedPort);
        }
        return new LauncherSettings(
                parsedPort,
                Path.of(setting(env, "CRONIUM_DATA_DIR", "data")).toAbsolutePath().normalize(),
                Optional.ofNullable(setting(env, "CRONIUM_DB_URL", null)).filter(s -> !s.isBlank()),
                setting(env, "CRONIUM_DB_USER", "postgres"),
                setting(env, "CRONIUM_DB_PASSWORD", ""),
                setting(env, "CRONIUM_JAVA_OPTS", "-Xms128m -Xmx512m -XX:+UseSerialGC"),
                distribution);
    }

    private static String setting(Map<String, String> env, String name, String fallback) {
        String value = System.getProperty(name, env.get(name));
        return value == null ? fallback : value;
    }
}
