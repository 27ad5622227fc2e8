package io.cronium.jobs.boundary;

/** What a run request returns: the queued job and the log that will show its outcome. */
public record RunTicket(long jobId, long logId) {
}
