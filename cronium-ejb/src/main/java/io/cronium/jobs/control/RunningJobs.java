package io.cronium.jobs.control;

import io.cronium.execution.Cancellation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempts this node is running right now, and those it started ahead of its workers ({@link JobsAhead}), with
 * the handle that stops each: a cancel of a started job that has not begun yet keeps its script from beginning.
 */
@ApplicationScoped
public class RunningJobs {

    private record Running(int attempt, Cancellation cancellation) {
    }

    private final Map<Long, Running> running = new ConcurrentHashMap<>();

    /** The handle of an attempt that begins, the one it got when started ahead if it was. */
    public Cancellation started(long jobId, int attempt) {
        return running.compute(jobId, (id, r) -> r != null && r.attempt() == attempt ? r
                : new Running(attempt, new Cancellation())).cancellation();
    }

    public void ended(long jobId) {
        running.remove(jobId);
    }

    /** Job id to attempt, for renewing their leases. */
    public Map<Long, Integer> attempts() {
        Map<Long, Integer> attempts = new HashMap<>();
        running.forEach((id, r) -> attempts.put(id, r.attempt()));
        return attempts;
    }

    /** A cancel made on this node reaches its run at once; one made on another node arrives with the next renewal. */
    void onCancel(@Observes(during = TransactionPhase.AFTER_SUCCESS) CancelRequested cancel) {
        stop(cancel.jobId(), cancel.attempt(), cancel.reason());
    }

    /** Stops an attempt if it runs on this node; returns whether it did. */
    public boolean stop(long jobId, int attempt, String reason) {
        Running r = running.get(jobId);
        if (r == null || r.attempt() != attempt) {
            return false;
        }
        r.cancellation().request(reason);
        return true;
    }
}
