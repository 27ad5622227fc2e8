package io.cronium.logs.control;

import io.cronium.jobs.control.ClaimedJob;
import io.cronium.jobs.control.JobPayload;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.logs.entity.LogStatus;
import java.util.List;
import java.util.Optional;

/**
 * What an attempt's end means for its job: the job's final status, whether a retry may follow, and whether both are
 * known before the job's row is read (a plain class: EJB containers warn about static methods on their beans).
 */
public final class AttemptOutcome {

    private AttemptOutcome() {
    }

    /**
     * The status an attempt's job ends with, when it is known before the job's row is read: its end carries no
     * variables to apply (a refused one would fail it) and no retry can follow it (a cancel request would decide).
     * Such an end is recorded by {@link RunRecorder#recordSettled}, its job moved beside others' (docs/BENCHMARKS.md);
     * any other by {@link RunRecorder#finish}.
     */
    public static Optional<JobStatus> settledStatus(ClaimedJob job, List<RunAggregate.End> ends, JobPayload payload) {
        if (ends.stream().anyMatch(end -> !end.variables().isEmpty())) {
            return Optional.empty();
        }
        LogStatus status = RunAggregate.of(ends).status();
        if (retryable(status) && payload.retry().allowsRetryAfter(job.attempt())) {
            return Optional.empty();
        }
        return Optional.of(jobStatus(status));
    }

    static boolean retryable(LogStatus status) {
        return status == LogStatus.FAILURE || status == LogStatus.TIMEOUT || status == LogStatus.PARTIAL;
    }

    static JobStatus jobStatus(LogStatus status) {
        return switch (status) {
            case SUCCESS -> JobStatus.COMPLETED;
            case CANCELLED -> JobStatus.CANCELLED;
            default -> JobStatus.FAILED;
        };
    }
}
