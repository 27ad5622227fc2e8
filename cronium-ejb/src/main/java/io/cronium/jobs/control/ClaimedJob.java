package io.cronium.jobs.control;

import java.time.Instant;

/** A job this node has claimed: the facts the runner needs, read in the claiming statement itself. */
public record ClaimedJob(long jobId, long eventId, long logId, int attempt, String payload, Instant runAt,
                         int priority) {
}
