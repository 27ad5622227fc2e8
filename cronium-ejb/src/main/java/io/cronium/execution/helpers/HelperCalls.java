package io.cronium.execution.helpers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a script handed back through its helpers: its result, its variable changes, and calls that were refused. */
public final class HelperCalls {

    private String output;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<String> refused = new ArrayList<>();

    synchronized void output(String json) {
        this.output = json;
    }

    synchronized void setVariable(String key, String value) {
        variables.remove(key); // the last change of a key comes last
        variables.put(key, value);
    }

    synchronized void refuse(String reason) {
        refused.add(reason);
    }

    /** The last value the script passed to output(), as JSON text. */
    public synchronized Optional<String> output() {
        return Optional.ofNullable(output);
    }

    public synchronized Map<String, String> variables() {
        return new LinkedHashMap<>(variables);
    }

    /** Calls that could not be honoured (e.g. output that is not JSON): they fail the run, saying why. */
    public synchronized List<String> refused() {
        return List.copyOf(refused);
    }
}
