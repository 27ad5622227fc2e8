package io.cronium.execution;

/**
 * Runs one execution request on this node: set up, run, clean up. Implementations: local process, container and
 * HTTP request, chosen by {@link Placement}. The SSH executor has a signature of its own (a target per server).
 */
public interface Executor {

    /** A short name stored on the execution record, e.g. "process". */
    String name();

    /** Whether runs are isolated from the host (shown in the console and the logs). */
    boolean sandboxed();

    /**
     * Runs to the end, or until the timeout or a cancellation, killing what it started in those cases. Never throws
     * for a failure of the script itself, only reports it.
     */
    ExecutionResult execute(ExecutionRequest request, OutputSink sink, Cancellation cancellation);
}
