package io.cronium.logs.boundary;

import io.cronium.common.ResourceNotFoundException;
import io.cronium.jobs.entity.Job;
import io.cronium.logs.entity.Execution;
import io.cronium.logs.entity.RunLog;
import io.cronium.platform.KeysetQuery;
import io.cronium.platform.Page;
import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Reads logs and jobs, newest first, limited to what the caller owns unless ADMIN. */
@Stateless
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
public class LogQueries {

    @PersistenceContext
    EntityManager em;

    @EJB
    CallerResolver callers;

    public Page<RunLog> list(LogFilter filter, Long beforeId, int limit) {
        Caller caller = callers.current();
        return new KeysetQuery<>(RunLog.class, "l", beforeId)
                .where("l.ownerId = :owner", "owner", caller.isAdmin() ? null : caller.userId())
                .where("l.eventId = :event", "event", filter.eventId())
                .where("l.workflowId = :workflow", "workflow", filter.workflowId())
                .where("exists (select x from Execution x where x.logId = l.id and x.serverId = :server)", "server",
                        filter.serverId())
                .where("l.status = :status", "status", filter.status())
                .where("l.createdAt >= :from", "from", filter.from())
                .where("l.createdAt < :to", "to", filter.to())
                .page(em, limit, RunLog::getId);
    }

    public LogDetails find(long id) {
        Caller caller = callers.current();
        RunLog log = em.find(RunLog.class, id);
        if (log == null || !caller.canSee(log.getOwnerId())) {
            throw new ResourceNotFoundException("log", id);
        }
        var executions = em.createNamedQuery(Execution.BY_LOG, Execution.class).setParameter("log", id).getResultList();
        return new LogDetails(log, executions);
    }

    public Job job(long id) {
        Caller caller = callers.current();
        Job job = em.find(Job.class, id);
        RunLog log = job == null ? null : em.find(RunLog.class, job.getLogId());
        if (log == null || !caller.canSee(log.getOwnerId())) {
            throw new ResourceNotFoundException("job", id);
        }
        return job;
    }
}
