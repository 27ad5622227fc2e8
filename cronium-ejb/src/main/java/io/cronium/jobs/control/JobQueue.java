package io.cronium.jobs.control;

import io.cronium.jobs.control.JobTable.LockedJob;
import io.cronium.jobs.control.JobTable.SkippedRun;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.logs.control.LogTable;
import io.cronium.logs.control.RunEnded;
import io.cronium.logs.entity.LogStatus;
import io.cronium.platform.ApplicationDatabase;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The queue's statements in container transactions. Lease renewals and the reaper run in short transactions of their
 * own, so row locks are held for milliseconds; claims and status changes join the caller's transaction (the start of
 * a batch, the end of a run, a cancel), so they commit with the log and execution records written beside them.
 */
@Stateless
public class JobQueue {

    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    ApplicationDatabase database;

    @Inject
    jakarta.enterprise.event.Event<RunEnded> ended;

    private <T> T withConnection(String what, ApplicationDatabase.Work<T> work) {
        return database.call(what, work);
    }

    /**
     * Claims up to {@code limit} due jobs, most urgent first, and starts those it may ({@link JobTable#CLAIM_TO_START}),
     * after skipping due FORBID runs that overlap a running one (at the moment they would otherwise start). Two nodes
     * claiming two runs of one exclusive event at the same instant collide on a unique index: the loser's transaction
     * is rolled back ({@link ClaimRaceLost}), and it tries again later.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<JobTable.Claim> claimToStart(String node, int leaseSeconds, int limit) {
        try (var connection = database.dataSource().getConnection()) {
            for (SkippedRun skipped : JobTable.skipForbidden(connection)) {
                LogTable.settle(connection, skipped.logId(), LogStatus.MISSED, "skipped: job " + skipped.blockingJobId()
                        + " of this event was still running (concurrency policy FORBID)");
                ended.fire(RunEnded.notRun(skipped.logId()));
            }
            return JobTable.claimToStart(connection, node, leaseSeconds, limit);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new ClaimRaceLost("lost a claim race on an exclusive event: " + e.getMessage());
            }
            throw new IllegalStateException("claiming jobs failed", e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean transition(long jobId, int attempt, JobStatus from, JobStatus to) {
        return withConnection("changing the status of job " + jobId,
                c -> JobTable.transition(c, jobId, attempt, from, to));
    }

    /** See {@link JobTable#moveAll}. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Set<Long> moveAll(String node, List<JobTable.Move> moves) {
        return withConnection("changing the status of " + moves.size() + " jobs", c -> JobTable.moveAll(c, node, moves));
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean requeue(long jobId, int attempt, JobStatus from, Duration delay) {
        return withConnection("re-queueing job " + jobId, c -> JobTable.requeue(c, jobId, attempt, from, delay, false));
    }

    /** See {@link JobTable#holdClaim}. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean holdClaim(long jobId, int attempt, String node) {
        return withConnection("reading the claim on job " + jobId, c -> JobTable.holdClaim(c, jobId, attempt, node));
    }

    /** Reads a job and holds its row lock until the caller's transaction ends. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<LockedJob> lock(long jobId) {
        return withConnection("reading job " + jobId, c -> JobTable.lock(c, jobId));
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void requestCancel(LockedJob job) {
        withConnection("cancelling job " + job.id(), c -> JobTable.requestCancel(c, job.id(), job.attempt()));
    }

    /** Cancels a job that has not started: it ends CANCELLED and so does its log. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void cancelBeforeStart(LockedJob job, String reason) {
        withConnection("cancelling job " + job.id(), c -> {
            JobTable.transition(c, job.id(), job.attempt(), job.status(), JobStatus.CANCELLED);
            LogTable.settle(c, job.logId(), LogStatus.CANCELLED, reason);
            return null;
        });
        ended.fire(RunEnded.notRun(job.logId()));
    }

    /** @return for each attempt still ours, whether a cancel was requested (see {@link JobTable#renew}) */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Map<Long, Boolean> renewLeases(String node, Map<Long, Integer> attempts, int leaseSeconds) {
        return withConnection("renewing leases", c -> JobTable.renew(c, node, attempts, leaseSeconds));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<LeaseReaper.Reaped> reapExpiredLeases(LeaseReaper reaper, int limit) {
        return withConnection("recovering expired jobs", c -> reaper.reap(c, limit));
    }

    /** Of the given jobs, those whose current attempt is claimed or running under an unexpired lease, as "job/attempt". */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> attemptsHoldingLeases(List<Long> jobIds) {
        return withConnection("reading live attempts", c -> JobTable.attemptsHoldingLeases(c, jobIds));
    }
}
