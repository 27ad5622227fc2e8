package io.cronium.jobs.boundary;

import io.cronium.jobs.entity.Job;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The queue as users see it: what waits and what runs, most urgent first, limited to their own unless ADMIN. */
@Stateless
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
public class JobQueries {

    @PersistenceContext
    EntityManager em;

    @EJB
    CallerResolver callers;

    public List<Job> active(int limit) {
        Caller caller = callers.current();
        String owner = caller.isAdmin() ? "" : " and l.ownerId = :owner";
        var query = em.createQuery("select j from Job j, RunLog l where l.id = j.logId and j.status in :active" + owner
                + " order by j.status desc, j.priority desc, j.runAt, j.id", Job.class)
                .setParameter("active", List.of(JobStatus.QUEUED, JobStatus.CLAIMED, JobStatus.RUNNING));
        if (!caller.isAdmin()) {
            query.setParameter("owner", caller.userId());
        }
        return query.setMaxResults(limit).getResultList();
    }
}
