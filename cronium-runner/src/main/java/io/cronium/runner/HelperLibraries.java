package io.cronium.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code cronium} helper libraries a script finds next to it: a shell command ({@code bin/cronium}), a Python
 * module ({@code cronium.py}) and a Node.js module ({@code cronium.js}), by their paths in the helpers directory.
 */
public final class HelperLibraries {

    /** The shell command, in a directory of its own so that Node's require('cronium') finds cronium.js, not it. */
    public static final String SHELL = "bin/cronium";
    public static final String PYTHON = "cronium.py";
    public static final String NODE = "cronium.js";

    private static final Map<String, byte[]> FILES = load();

    private HelperLibraries() {
    }

    /** Path in the helpers directory -> content; the shell command must be executable. */
    public static Map<String, byte[]> files() {
        return FILES;
    }

    private static Map<String, byte[]> load() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(SHELL, resource("cronium"));
        files.put(PYTHON, resource("cronium.py"));
        files.put(NODE, resource("cronium.js"));
        return Map.copyOf(files);
    }

    private static byte[] resource(String name) {
        try (InputStream in = HelperLibraries.class.getResourceAsStream("/helpers/" + name)) {
            if (in == null) {
                throw new IllegalStateException("helpers/" + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
