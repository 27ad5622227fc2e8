package io.cronium.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The shell runner deployed to remote servers. Its version is derived from its content, so a changed runner is a
 * new version in a new directory, and its SHA-256 is what a server's copy is checked against before each use.
 */
public final class RunnerScript {

    private static final RunnerScript INSTANCE = load();

    private final String text;
    private final String sha256;

    private RunnerScript(String text) {
        this.text = text;
        try {
            this.sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RunnerScript get() {
        return INSTANCE;
    }

    private static RunnerScript load() {
        try (InputStream in = RunnerScript.class.getResourceAsStream("/runner/cronium-runner.sh")) {
            if (in == null) {
                throw new IllegalStateException("runner/cronium-runner.sh is missing from the classpath");
            }
            return new RunnerScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        return text;
    }

    public String sha256() {
        return sha256;
    }

    /** The first 12 hex digits of the checksum: enough to tell versions apart in a directory name. */
    public String version() {
        return sha256.substring(0, 12);
    }

    /** Where it lives on a server. */
    public String directory() {
        return "/tmp/cronium-runner-" + version();
    }

    public String path() {
        return directory() + "/runner.sh";
    }
}
