package io.cronium.jobs.control;

import io.cronium.events.entity.Event;
import io.cronium.events.entity.EventType;
import io.cronium.events.entity.RunLocation;
import io.cronium.execution.ExecutionSpec;
import io.cronium.jobs.boundary.RunTicket;
import io.cronium.jobs.entity.Job;
import io.cronium.logs.control.RunAnnouncer;
import io.cronium.logs.entity.RunLog;
import io.cronium.platform.ApplicationDatabase;
import io.cronium.servers.control.ServerTargets;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Queues one run of an event: a PENDING log and a QUEUED job holding the event's snapshot, in the caller's
 * transaction (a manual run, a workflow step, a webhook), announced once that commits.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class RunEnqueuer {

    /**
     * Where a run comes from: its trigger, the workflow step it is (null: none) with the workflow's servers, and the
     * run whose conditional action started it (null: none).
     */
    public record Origin(String trigger, WorkflowStepRef step, List<Long> serverOverride, Long triggeredByLogId) {

        public static Origin of(String trigger) {
            return new Origin(trigger, null, List.of(), null);
        }

        public static Origin step(WorkflowStepRef step, List<Long> serverOverride) {
            return new Origin("WORKFLOW", step, serverOverride, null);
        }

        public static Origin action(long logId) {
            return new Origin("ACTION", null, List.of(), logId);
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    jakarta.enterprise.event.Event<JobQueued> queued;

    @Inject
    RunAnnouncer announcer;

    @Inject
    ApplicationDatabase database;

    public RunTicket enqueue(Event event, String input, Origin origin) {
        var log = new RunLog(event.getId(), event.getOwnerId(), origin.trigger(), input);
        if (origin.step() != null) {
            log.partOf(origin.step().workflowId(), origin.step().executionId());
        }
        if (origin.triggeredByLogId() != null) {
            log.triggeredBy(origin.triggeredByLogId());
        }
        em.persist(log);
        em.flush();
        JobPayload payload = JobPayload.of(event, input, spec(event, origin.serverOverride()));
        var job = new Job(event.getId(), log.getId(), event.getPriority(), event.getRunPolicy(),
                (origin.step() == null ? payload : payload.inStep(origin.step())).toJson());
        if (origin.step() != null) {
            job.partOf(origin.step().executionId());
        }
        em.persist(job);
        em.flush();
        log.attachJob(job.getId());
        announcer.announce(log.getId());
        queued.fire(new JobQueued(job.getId(), event.getPriority().rank()));
        return new RunTicket(job.getId(), log.getId());
    }

    /** The event's own targets, or the override's servers for a script (an HTTP request is sent from Cronium). */
    private ExecutionSpec spec(Event event, List<Long> serverOverride) {
        ExecutionSpec spec = ExecutionSpec.of(event);
        if (!serverOverride.isEmpty() && event.getType() != EventType.HTTP) {
            return spec.onServers(serverOverride);
        }
        if (event.getRunLocation() != RunLocation.REMOTE) {
            return spec;
        }
        return spec.onServers(database.call("reading the servers of event " + event.getId(),
                c -> ServerTargets.of(c, List.of(event.getId()))).getOrDefault(event.getId(), List.of()));
    }
}
