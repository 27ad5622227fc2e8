package io.cronium.logs.boundary;

import io.cronium.common.ResourceNotFoundException;
import io.cronium.jobs.entity.Job;
import io.cronium.logs.entity.Execution;
import io.cronium.logs.entity.RunLog;
import io.cronium.platform.Page;
import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.Map;

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
        var jpql = new StringBuilder("select l from RunLog l where l.id < :before");
        Map<String, Object> params = new HashMap<>();
        params.put("before", beforeId == null ? Long.MAX_VALUE : beforeId);
        if (!caller.isAdmin()) {
            jpql.append(" and l.ownerId = :owner");
            params.put("owner", caller.userId());
        }
        if (filter.eventId() != null) {
            jpql.append(" and l.eventId = :event");
            params.put("event", filter.eventId());
        }
        if (filter.status() != null) {
            jpql.append(" and l.status = :status");
            params.put("status", filter.status());
        }
        if (filter.from() != null) {
            jpql.append(" and l.createdAt >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            jpql.append(" and l.createdAt < :to");
            params.put("to", filter.to());
        }
        var query = em.createQuery(jpql.append(" order by l.id desc").toString(), RunLog.class);
        params.forEach(query::setParameter);
        return Page.of(query.setMaxResults(limit + 1).getResultList(), limit, RunLog::getId);
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
