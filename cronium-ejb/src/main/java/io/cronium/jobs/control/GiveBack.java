package io.cronium.jobs.control;

import io.cronium.jobs.entity.JobStatus;
import io.cronium.logs.control.LogTable;
import io.cronium.logs.control.RunEnded;
import io.cronium.logs.entity.LogStatus;
import io.cronium.platform.ApplicationDatabase;
import io.cronium.platform.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives back to the queue the jobs this node held ahead of its workers and will not run (they waited too long for a
 * worker, or the node stops), so other nodes take them at once rather than when their leases run out: a claimed one
 * as it was; a started one as the same attempt, its records undone, since this node knows its script never began.
 * Plain JDBC: at a stop the application's beans may be gone already.
 */
@ApplicationScoped
public class GiveBack {

    private static final Logger LOG = Logger.getLogger(GiveBack.class.getName());

    @Inject
    ApplicationDatabase database;

    @Inject
    NodeIdentity node;

    @Inject
    RunningJobs running;

    @Inject
    jakarta.enterprise.event.Event<RunEnded> ended;

    @Inject
    JobsAhead ahead;

    void giveBack(List<JobsAhead.JobAhead> jobs, String why) {
        if (jobs.isEmpty()) {
            return;
        }
        try {
            List<Long> cancelled = database.call("giving back jobs held ahead", c -> {
                List<Long> logs = new java.util.ArrayList<>();
                for (JobsAhead.JobAhead job : jobs) {
                    if (!job.started()) {
                        JobTable.release(c, job.job().jobId(), job.job().attempt());
                    } else if (!notBegun(c, job.job())) {
                        logs.add(job.job().logId());
                    }
                }
                return logs;
            });
            LOG.fine(() -> jobs.size() + " jobs held ahead given back: " + why);
            cancelled.forEach(logId -> ended.fire(RunEnded.notRun(logId))); // a workflow waiting on it goes on
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, jobs.size() + " jobs held ahead could not be given back; their leases will run out"
                    + " (a started one is then re-run or failed by its recovery policy)", e);
        } finally {
            jobs.stream().filter(JobsAhead.JobAhead::started).forEach(job -> running.ended(job.job().jobId()));
        }
    }

    /** A job cancelled on this node while held here ends at once, without waiting for a worker or for its turn back. */
    void onCancel(@Observes(during = TransactionPhase.AFTER_SUCCESS) CancelRequested cancel) {
        cancelHeld(cancel.jobId());
    }

    /**
     * Ends a job held here whose cancel was requested (here, or on another node: seen at its lease's renewal).
     * @return false when it is not held here (a worker has it, or it never was)
     */
    boolean cancelHeld(long jobId) {
        return ahead.take(jobId).map(job -> {
            giveBack(List.of(job), "cancelled");
            return true;
        }).orElse(false);
    }

    /**
     * A started job that never began: back to the queue, or, when a cancel was asked for meanwhile, cancelled.
     * @return false when it was cancelled
     */
    private boolean notBegun(Connection c, ClaimedJob job) throws SQLException {
        if (JobTable.giveBackUnbegun(c, node.id(), job.jobId(), job.attempt())) {
            LogTable.notBegun(c, job.jobId(), job.attempt(), job.logId());
            return true;
        }
        if (JobTable.transition(c, job.jobId(), job.attempt(), JobStatus.RUNNING, JobStatus.CANCELLED)) {
            LogTable.notBegun(c, job.jobId(), job.attempt(), job.logId());
            LogTable.settle(c, job.logId(), LogStatus.CANCELLED, "cancelled before it began");
            return false;
        }
        return true; // no longer this node's: whoever took it decides
    }
}
