package io.cronium.jobs.boundary;

import io.cronium.common.ConflictException;
import io.cronium.events.boundary.EventService;
import io.cronium.events.entity.EventStatus;
import io.cronium.jobs.control.RunEnqueuer;
import io.cronium.jobs.entity.ConcurrencyPolicy;
import io.cronium.jobs.entity.JobStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Turns "run this event now" into a PENDING log and a QUEUED job, written in one transaction (RunEnqueuer). */
@Stateless
@RolesAllowed({"USER", "ADMIN"})
public class RunRequests {

    @PersistenceContext
    EntityManager em;

    @EJB
    EventService events;

    @EJB
    RunEnqueuer enqueuer;

    public RunTicket runNow(long eventId, String input) {
        io.cronium.events.entity.Event event = events.find(eventId);
        if (event.getStatus() == EventStatus.ARCHIVED) {
            throw new ConflictException("event " + eventId + " is archived and cannot run");
        }
        if (event.getRunPolicy().concurrency() == ConcurrencyPolicy.FORBID && isRunning(event.getId())) {
            throw new ConflictException("event " + eventId + " is running and its concurrency policy is FORBID");
        }
        return enqueuer.enqueue(event, input, RunEnqueuer.Origin.of("MANUAL"));
    }

    private boolean isRunning(long eventId) {
        return em.createQuery("select count(j) from Job j where j.eventId = :event and j.status in :active", Long.class)
                .setParameter("event", eventId)
                .setParameter("active", List.of(JobStatus.CLAIMED, JobStatus.RUNNING))
                .getSingleResult() > 0;
    }
}
