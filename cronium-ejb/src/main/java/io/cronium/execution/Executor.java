package io.cronium.execution;

/**
 * Runs one execution request: set up, run, clean up. Implementations: local process (this one), and later
 * container, SSH, HTTP request and tool action.
 */
public interface Executor {

    /** A short name stored on the execution record, e.g. "process". */
    String name();

    /** Whether runs are isolated from the host (shown in the console and the logs). */
    boolean sandboxed();

    boolean canRun(ExecutionRequest request);

    /**
     * Runs to the end, or until the timeout or a cancellation, killing what it started in those cases. Never throws
     * for a failure of the script itself, only reports it.
     */
    ExecutionResult execute(ExecutionRequest request, OutputSink sink, Cancellation cancellation);
}
