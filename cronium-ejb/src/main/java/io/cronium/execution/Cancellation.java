package io.cronium.execution;

import java.util.concurrent.CompletableFuture;

/**
 * A request to stop a run early, from a user's cancel or from a lost lease. Executors wait on it beside the run
 * itself and, when it completes, kill the run the same way a timeout does.
 */
public final class Cancellation {

    private final CompletableFuture<String> requested = new CompletableFuture<>();

    /** Asks the run to stop; the first reason wins. */
    public void request(String reason) {
        requested.complete(reason);
    }

    public boolean isRequested() {
        return requested.isDone();
    }

    /** The reason given, or null while not requested. */
    public String reason() {
        return requested.getNow(null);
    }

    /** Completes with the reason when a stop is requested. */
    public CompletableFuture<String> requested() {
        return requested;
    }
}
