package io.cronium.jobs.control;

import io.cronium.jobs.control.JobTable.ExpiredLease;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.jobs.entity.RecoveryPolicy;
import io.cronium.logs.control.LogTable;
import io.cronium.logs.entity.LogStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Returns the jobs of vanished nodes: a job whose lease expired is re-run as its next attempt or failed, by its
 * event's recovery policy, so nothing stays CLAIMED or RUNNING forever; one that was only claimed (never started)
 * goes back to the queue as it was. A job that keeps killing its node is not
 * re-run without end: after {@code maxRecoveries} it fails.
 */
public final class LeaseReaper {

    /** What became of one expired job. */
    public enum Outcome { RERUN, FAILED, CANCELLED, RELEASED }

    public record Reaped(long jobId, int attempt, String node, Outcome outcome) {
    }

    private final int maxRecoveries;

    public LeaseReaper(int maxRecoveries) {
        this.maxRecoveries = maxRecoveries;
    }

    /** Handles up to {@code limit} expired jobs in the caller's transaction; rows other reapers hold are skipped. */
    public List<Reaped> reap(Connection c, int limit) throws SQLException {
        List<Reaped> reaped = new ArrayList<>();
        for (ExpiredLease lease : JobTable.lockExpired(c, limit)) {
            reaped.add(new Reaped(lease.id(), lease.attempt(), lease.node(), recover(c, lease)));
        }
        return reaped;
    }

    private Outcome recover(Connection c, ExpiredLease lease) throws SQLException {
        if (lease.status() == JobStatus.CLAIMED && !lease.cancelRequested()) {
            // claimed ahead and never started: nothing ran, so no recovery policy applies; it is simply free again
            JobTable.release(c, lease.id(), lease.attempt());
            return Outcome.RELEASED;
        }
        String lost = "attempt " + lease.attempt() + " lost its node " + lease.node()
                + " (the lease expired: the node stopped or lost the database)";
        RemoteLeftoverTable.record(c, lease.id(), lease.attempt(), lease.node()); // before they are marked lost
        LogTable.executionLost(c, lease.id(), lease.attempt(), lost);
        if (lease.cancelRequested()) {
            JobTable.transition(c, lease.id(), lease.attempt(), lease.status(), JobStatus.CANCELLED);
            LogTable.settle(c, lease.logId(), LogStatus.CANCELLED, lost + "; it had been cancelled");
            return Outcome.CANCELLED;
        }
        RecoveryPolicy policy = JobPayload.fromJson(lease.payload()).recovery();
        if (policy == RecoveryPolicy.RERUN && lease.recoveries() < maxRecoveries
                && JobTable.requeue(c, lease.id(), lease.attempt(), lease.status(), Duration.ZERO, true)) {
            LogTable.pending(c, lease.logId(), lost + "; re-run as attempt " + (lease.attempt() + 1));
            return Outcome.RERUN;
        }
        JobTable.transition(c, lease.id(), lease.attempt(), lease.status(), JobStatus.FAILED);
        LogTable.settle(c, lease.logId(), LogStatus.FAILURE, lost + (policy == RecoveryPolicy.FAIL
                ? "; recovery policy FAIL" : "; not re-run: it was recovered " + maxRecoveries + " times already"));
        return Outcome.FAILED;
    }
}
