package io.cronium.jobs.boundary;

import io.cronium.common.ConflictException;
import io.cronium.events.boundary.EventService;
import io.cronium.events.entity.EventStatus;
import io.cronium.events.entity.RunLocation;
import io.cronium.execution.ExecutionSpec;
import io.cronium.platform.ApplicationDatabase;
import io.cronium.servers.control.ServerTargets;
import io.cronium.jobs.control.JobPayload;
import io.cronium.jobs.control.JobQueued;
import io.cronium.jobs.entity.ConcurrencyPolicy;
import io.cronium.jobs.entity.Job;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.logs.control.RunAnnouncer;
import io.cronium.logs.entity.RunLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Turns "run this event now" into a PENDING log and a QUEUED job, written in one transaction. */
@Stateless
@RolesAllowed({"USER", "ADMIN"})
public class RunRequests {

    @PersistenceContext
    EntityManager em;

    @EJB
    EventService events;

    @Inject
    jakarta.enterprise.event.Event<JobQueued> queued;

    @Inject
    RunAnnouncer announcer;

    @Inject
    ApplicationDatabase database;

    public RunTicket runNow(long eventId, String input) {
        io.cronium.events.entity.Event event = events.find(eventId);
        if (event.getStatus() == EventStatus.ARCHIVED) {
            throw new ConflictException("event " + eventId + " is archived and cannot run");
        }
        if (event.getRunPolicy().concurrency() == ConcurrencyPolicy.FORBID && isRunning(event.getId())) {
            throw new ConflictException("event " + eventId + " is running and its concurrency policy is FORBID");
        }
        var log = new RunLog(event.getId(), event.getOwnerId(), "MANUAL", input);
        em.persist(log);
        em.flush();
        var job = new Job(event.getId(), log.getId(), event.getPriority(), event.getRunPolicy().concurrency(),
                JobPayload.of(event, input, spec(event)).toJson());
        em.persist(job);
        em.flush();
        log.attachJob(job.getId());
        announcer.announce(log.getId());
        queued.fire(new JobQueued(job.getId()));
        return new RunTicket(job.getId(), log.getId());
    }

    private ExecutionSpec spec(io.cronium.events.entity.Event event) {
        ExecutionSpec spec = ExecutionSpec.of(event);
        if (event.getRunLocation() != RunLocation.REMOTE) {
            return spec;
        }
        return spec.onServers(database.call("reading the servers of event " + event.getId(),
                c -> ServerTargets.of(c, List.of(event.getId()))).getOrDefault(event.getId(), List.of()));
    }

    private boolean isRunning(long eventId) {
        return em.createQuery("select count(j) from Job j where j.eventId = :event and j.status in :active", Long.class)
                .setParameter("event", eventId)
                .setParameter("active", List.of(JobStatus.CLAIMED, JobStatus.RUNNING))
                .getSingleResult() > 0;
    }
}
