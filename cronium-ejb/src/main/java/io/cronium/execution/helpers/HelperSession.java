package io.cronium.execution.helpers;

import io.cronium.common.Jsons;
import io.cronium.execution.OutputChannel;
import io.cronium.execution.OutputSink;
import io.cronium.runner.HelperLibraries;
import jakarta.json.JsonException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cronium} helpers of one run in bundled mode: the files placed next to the script (the libraries, the
 * run's input and event, a snapshot of the user's variables), the environment that finds them, and the calls the
 * script makes back. A call back is a line on stderr, {@code \u001ecronium:NONCE:OP HEX...}: the nonce is this
 * run's own, so output a script merely passes through (a downloaded page, say) cannot forge a call; every argument
 * is hex-encoded UTF-8, so that any POSIX shell can write one without a JSON library.
 */
public final class HelperSession {

    /** What a run's result may weigh, as JSON text. */
    public static final int MAX_OUTPUT_CHARS = 5 * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MARK = "\u001ecronium:";

    /** A file of the helpers directory. */
    public record HelperFile(byte[] content, boolean executable) {
    }

    private final String nonce;
    private final String input;
    private final String event;
    private final Map<String, String> variables;
    private final Map<String, String> workflowVariables;
    private final String apiToken;
    private final HelperCalls calls = new HelperCalls();

    /**
     * @param input     the run's input as JSON text (text that is not JSON is passed as a JSON string), or null
     * @param event     the event's metadata as a JSON object
     * @param variables the user's variables, decrypted (the caller masks the secret ones in all output)
     */
    public HelperSession(String input, String event, Map<String, String> variables) {
        this(input, event, variables, null);
    }

    /** The same, able to call the helper API with {@code apiToken} where the executor gives the script a way to it. */
    public HelperSession(String input, String event, Map<String, String> variables, String apiToken) {
        this(input, event, variables, Map.of(), apiToken);
    }

    /**
     * The same in a workflow step: {@code workflowVariables}, the run's variables as the step was queued, take the
     * place of the user's variables of the same keys.
     */
    public HelperSession(String input, String event, Map<String, String> variables,
                         Map<String, String> workflowVariables, String apiToken) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        this.nonce = HexFormat.of().formatHex(random);
        this.input = asJson(input);
        this.event = event;
        Map<String, String> all = new LinkedHashMap<>(variables);
        all.putAll(workflowVariables);
        this.variables = Map.copyOf(all);
        this.workflowVariables = Map.copyOf(workflowVariables);
        this.apiToken = apiToken;
    }

    public HelperCalls calls() {
        return calls;
    }

    /** Path in the helpers directory -> file: the libraries, {@code input.json}, {@code event.json}, {@code vars/}. */
    public Map<String, HelperFile> files() {
        Map<String, HelperFile> files = new LinkedHashMap<>();
        HelperLibraries.files().forEach((path, content) ->
                files.put(path, new HelperFile(content, path.equals(HelperLibraries.SHELL))));
        files.put("input.json", text(input));
        files.put("event.json", text(event("bundled")));
        variables.forEach((key, value) -> files.put("vars/" + fileName(key), text(value)));
        return files;
    }

    /**
     * The variables that let a script find its helpers in {@code dir}, keep what it sets in the writable
     * {@code state} directory, and call back. {@code path}: the PATH to put {@code dir/bin} in front of, or null
     * where the runner does that on the server.
     */
    public Map<String, String> environment(String dir, String state, String path) {
        return environment(dir, state, path, null);
    }

    /**
     * The same, plus the helper API at {@code apiUrl} (as the script reaches it: loopback, the container's gateway, an
     * SSH tunnel's port; null: none, the helpers work from their files).
     */
    public Map<String, String> environment(String dir, String state, String path, String apiUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CRONIUM_HELPERS", dir);
        env.put("CRONIUM_HELPER_STATE", state);
        env.put("CRONIUM_HELPER_NONCE", nonce);
        env.put("PYTHONPATH", dir);
        env.put("NODE_PATH", dir);
        env.put("NODE_OPTIONS", "--require " + dir + "/" + HelperLibraries.NODE);
        if (path != null) {
            env.put("PATH", dir + "/bin:" + path);
        }
        if (apiUrl != null && apiToken != null) {
            env.put("CRONIUM_API_URL", apiUrl);
            env.put("CRONIUM_HELPER_TOKEN", apiToken);
        }
        return env;
    }

    /** Takes this run's helper calls out of the output (structured log lines go on, as LOG lines); the rest passes. */
    public OutputSink intercepting(OutputSink next) {
        String prefix = MARK + nonce + ":";
        return (stream, line) -> {
            if (stream == OutputChannel.STDERR && line.startsWith(prefix)) {
                call(line.substring(prefix.length()), next);
            } else {
                next.line(stream, line);
            }
        };
    }

    private void call(String call, OutputSink next) {
        String[] parts = call.split(" ", -1);
        try {
            switch (parts[0]) {
                case "output" -> output(decode(parts[1]));
                case "set" -> setVariable(decode(parts[1]), decode(parts[2]));
                case "log" -> log(parts[1], decode(parts[2]), next);
                default -> calls.refuse("unknown helper call '" + parts[0] + "'");
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            calls.refuse("a malformed helper call (" + parts[0] + ")");
        }
    }

    // What the helper calls do, the same whether they arrive on stderr or through the helper API.

    /** The run's input as JSON text ("null" when there is none). */
    public String input() {
        return input;
    }

    /** The event's metadata, and in which mode the helpers answered. */
    public String event(String mode) {
        try (var reader = Jsons.createReader(new StringReader(event))) {
            return Jsons.createObjectBuilder(reader.readObject()).add("mode", mode).build().toString();
        }
    }

    /**
     * A variable as this run sees it through the API: what it set itself, else its workflow run's value, else
     * {@code stored} (the user's, as stored now).
     */
    public Optional<String> variable(String key, Optional<String> stored) {
        String set = calls.variables().get(key);
        if (set != null) {
            return Optional.of(set);
        }
        return workflowVariables.containsKey(key) ? Optional.of(workflowVariables.get(key)) : stored;
    }

    /** Records the run's result; the reason when it is refused (not JSON, too large), which also fails the run. */
    public Optional<String> output(String json) {
        String refused = null;
        if (json.length() > MAX_OUTPUT_CHARS) {
            refused = "cronium output: the result has " + json.length() + " characters, more than the "
                    + MAX_OUTPUT_CHARS + " allowed";
        } else {
            try (var reader = Jsons.createReader(new StringReader(json))) {
                reader.readValue();
                calls.output(json);
            } catch (JsonException e) {
                refused = "cronium output: the result is not valid JSON (" + e.getMessage() + ")";
            }
        }
        if (refused != null) {
            calls.refuse(refused);
        }
        return Optional.ofNullable(refused);
    }

    public void setVariable(String key, String value) {
        calls.setVariable(key, value);
    }

    /** A structured log line, live as LOG lines (one per line of the message). */
    public void log(String level, String message, OutputSink output) {
        message.lines().forEach(l -> output.line(OutputChannel.LOG, "[" + level + "] " + l));
    }

    /** The token the helpers call the API with (null: bundled only); masked in all output like a secret. */
    public String apiToken() {
        return apiToken;
    }

    private static String decode(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    private static String asJson(String input) {
        if (input == null || input.isBlank()) {
            return "null";
        }
        try (var reader = Jsons.createReader(new StringReader(input))) {
            reader.readValue();
            return input;
        } catch (JsonException e) {
            return Jsons.createValue(input).toString();
        }
    }

    private static HelperFile text(String content) {
        return new HelperFile(content.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Writes the helpers directory under {@code dir}: readable by all (a container's user is not the owner), the
     * shell command executable. Its parent keeps others from finding it.
     */
    public void writeTo(Path dir) throws IOException {
        var readable = PosixFilePermissions.fromString("rw-r--r--");
        var open = PosixFilePermissions.fromString("rwxr-xr-x");
        for (var file : files().entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue().content());
            Files.setPosixFilePermissions(path, file.getValue().executable() ? open : readable);
        }
        try (var walk = Files.walk(dir)) {
            for (Path d : walk.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(d, open);
            }
        }
    }

    /** A variable's file: the SHA-256 of its key (any key gives a safe name of fixed length). */
    static String fileName(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
