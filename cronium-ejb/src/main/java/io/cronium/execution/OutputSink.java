package io.cronium.execution;

/** Receives run output line by line while the run goes on. Must be thread-safe: stdout and stderr are read apart. */
@FunctionalInterface
public interface OutputSink {

    void line(OutputChannel stream, String line);

    OutputSink DISCARD = (stream, line) -> { };
}
