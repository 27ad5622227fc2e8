package io.cronium.execution;

import io.cronium.execution.helpers.HelperSession;

/**
 * A script's output as it arrives, the same for every executor: the run's helper calls taken out first, then each
 * line to the live sink and kept per stream up to the limit (structured log lines are live and stored as such, not
 * part of stdout).
 */
public final class ScriptOutput {

    private final OutputBuffer stdout;
    private final OutputBuffer stderr;
    private final OutputSink lines;

    public ScriptOutput(int limitChars, OutputSink live, HelperSession helpers) {
        stdout = new OutputBuffer(limitChars);
        stderr = new OutputBuffer(limitChars);
        OutputSink keeping = (stream, line) -> {
            if (stream == OutputChannel.STDOUT) {
                stdout.appendLine(line);
            } else if (stream == OutputChannel.STDERR) {
                stderr.appendLine(line);
            }
            live.line(stream, line);
        };
        lines = helpers == null ? keeping : helpers.intercepting(keeping);
    }

    /** Where the executor sends every line it reads. */
    public OutputSink lines() {
        return lines;
    }

    public String stdout() {
        return stdout.text();
    }

    public String stderr() {
        return stderr.text();
    }
}
