package io.cronium.jobs.control;

import io.cronium.jobs.control.JobTable.LockedJob;
import io.cronium.jobs.entity.JobStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Stops a job that has not ended: one not started yet ends CANCELLED at once; a running one is asked to stop, and its
 * node kills the script and records CANCELLED (at once when that is this node, within a second otherwise).
 */
@Stateless
public class JobStop {

    @EJB
    JobQueue queue;

    @Inject
    jakarta.enterprise.event.Event<CancelRequested> cancelRequested;

    /** @return the job's status after the request: CANCELLED, RUNNING until its node has stopped it, or as it ended */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public JobStatus stop(LockedJob job, String reason) {
        if (job.status().isFinal()) {
            return job.status();
        }
        if (job.status() == JobStatus.RUNNING) {
            queue.requestCancel(job);
            cancelRequested.fire(new CancelRequested(job.id(), job.attempt(), reason));
            return JobStatus.RUNNING;
        }
        queue.cancelBeforeStart(job, reason + " before it started");
        return JobStatus.CANCELLED;
    }

    /** The same for a job by id, in a transaction of its own (a job that no longer exists is left alone). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void stop(long jobId, String reason) {
        queue.lock(jobId).ifPresent(job -> stop(job, reason));
    }
}
