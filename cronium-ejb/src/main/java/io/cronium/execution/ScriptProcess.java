package io.cronium.execution;

import java.util.concurrent.CompletableFuture;

/** A script's process as the local executor sees it, however it was started ({@link ProcessStarter}). */
public interface ScriptProcess {

    /** Completes with the exit code when the process ends. */
    CompletableFuture<Integer> onExit();

    default boolean isAlive() {
        return !onExit().isDone();
    }

    /** Ends the process and everything it started (SIGTERM, then SIGKILL after a grace period); returns when done. */
    void kill();

    /**
     * Waits, at most {@code maxMillis}, until every line of its output reached the sink: a grandchild holding a pipe
     * open is not waited for.
     */
    void awaitOutput(long maxMillis) throws InterruptedException;
}
