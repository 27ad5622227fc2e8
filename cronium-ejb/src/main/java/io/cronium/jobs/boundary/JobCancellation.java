package io.cronium.jobs.boundary;

import io.cronium.audit.boundary.AuditTrail;
import io.cronium.common.ConflictException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.jobs.control.JobStop;
import io.cronium.jobs.control.JobQueue;
import io.cronium.jobs.control.JobTable.LockedJob;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.logs.boundary.LogQueries;
import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/**
 * Cancels a job. One that has not started ends CANCELLED at once; a running one is flagged, and its node kills the
 * script (and its children) and records CANCELLED: at once when that is this node, within a second otherwise.
 */
@Stateless
@RolesAllowed({"USER", "ADMIN"})
public class JobCancellation {

    @EJB
    LogQueries logs;

    @EJB
    JobQueue queue;

    @EJB
    CallerResolver callers;

    @EJB
    AuditTrail audit;

    @EJB
    JobStop stop;

    /** @return the job's status after the request: CANCELLED, or RUNNING until its node has stopped it */
    public JobStatus cancel(long jobId) {
        Caller caller = callers.current();
        logs.job(jobId); // not found unless the caller may see it
        LockedJob job = queue.lock(jobId).orElseThrow(() -> new ResourceNotFoundException("job", jobId));
        if (job.status().isFinal()) {
            throw new ConflictException("job " + jobId + " has already ended (" + job.status() + "); nothing to cancel");
        }
        audit.record(caller.username(), "JOB_CANCELLED", "job:" + jobId, "was " + job.status());
        return stop.stop(job, "cancelled by " + caller.username());
    }
}
