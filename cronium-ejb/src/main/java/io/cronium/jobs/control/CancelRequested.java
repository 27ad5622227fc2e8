package io.cronium.jobs.control;

/** A user asked to stop a running job; fired in the transaction that flagged it, acted on after its commit. */
public record CancelRequested(long jobId, int attempt, String reason) {
}
