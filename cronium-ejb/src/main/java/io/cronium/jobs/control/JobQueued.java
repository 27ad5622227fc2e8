package io.cronium.jobs.control;

/** Fired when a job was enqueued; observed after commit to wake the dispatcher without waiting for its tick. */
public record JobQueued(long jobId, int priority) {
}
