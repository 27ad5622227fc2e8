package io.cronium.workflows.boundary;

import io.cronium.common.FieldError;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.events.control.EventValidator;
import io.cronium.events.entity.Event;
import io.cronium.events.entity.EventStatus;
import io.cronium.scheduling.control.FireTimes;
import io.cronium.scheduling.entity.MisfirePolicy;
import io.cronium.scheduling.entity.Schedule;
import io.cronium.servers.entity.Server;
import io.cronium.users.entity.Permission;
import io.cronium.variables.control.VariableRules;
import io.cronium.platform.KeysetQuery;
import io.cronium.platform.Page;
import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import io.cronium.workflows.control.WorkflowGraph;
import io.cronium.workflows.entity.EdgeType;
import io.cronium.workflows.entity.ErrorHandling;
import io.cronium.workflows.entity.Workflow;
import io.cronium.workflows.entity.WorkflowEdge;
import io.cronium.workflows.entity.WorkflowNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Workflows of their owner (all, for an admin): created and replaced whole, after the graph check; nodes run only
 * events the workflow's owner has.
 */
@Stateless
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
public class WorkflowService {

    @PersistenceContext
    EntityManager em;

    @Inject
    CallerResolver callers;

    @RolesAllowed({"USER", "ADMIN"})
    public Workflow create(WorkflowDraft draft) {
        Caller caller = callers.current();
        requireValid(draft, caller.userId());
        var workflow = new Workflow(caller.userId(), draft.name().strip());
        apply(draft, workflow);
        em.persist(workflow);
        return workflow;
    }

    @RolesAllowed({"USER", "ADMIN"})
    public Workflow update(long id, WorkflowDraft draft) {
        Workflow workflow = visible(id);
        requireValid(draft, workflow.getOwnerId());
        workflow.getEdges().clear();
        workflow.getNodes().clear();
        em.flush(); // the old nodes go before new ones take their keys
        apply(draft, workflow);
        return workflow;
    }

    @RolesAllowed({"USER", "ADMIN"})
    public void delete(long id) {
        em.remove(visible(id));
    }

    public Workflow find(long id) {
        return visible(id);
    }

    public Page<Workflow> list(Long beforeId, int limit) {
        Caller caller = callers.current();
        return new KeysetQuery<>(Workflow.class, "w", beforeId)
                .where("w.ownerId = :owner", "owner", caller.isAdmin() ? null : caller.userId())
                .page(em, limit, Workflow::getId);
    }

    /** How many nodes each of these workflows has (of those the caller may see), in one query. */
    public Map<Long, Integer> nodeCounts(List<Long> workflowIds) {
        Map<Long, Integer> counts = new HashMap<>();
        if (workflowIds.isEmpty()) {
            return counts;
        }
        Caller caller = callers.current();
        var query = em.createQuery("select n.workflow.id, count(n) from WorkflowNode n where n.workflow.id in :ids"
                + (caller.isAdmin() ? "" : " and n.workflow.ownerId = :owner") + " group by n.workflow.id", Object[].class)
                .setParameter("ids", workflowIds);
        if (!caller.isAdmin()) {
            query.setParameter("owner", caller.userId());
        }
        query.getResultList().forEach(row -> counts.put(((Number) row[0]).longValue(), ((Number) row[1]).intValue()));
        return counts;
    }

    /** The workflow if the caller may see it; otherwise the same 404 as for a missing one. */
    private Workflow visible(long id) {
        Workflow workflow = em.find(Workflow.class, id);
        if (workflow == null || !callers.current().canSee(workflow.getOwnerId())) {
            throw new ResourceNotFoundException("workflow", id);
        }
        return workflow;
    }

    private void requireValid(WorkflowDraft draft, long ownerId) {
        if (draft == null) {
            throw new InvalidInputException("body", "a workflow {name, nodes, edges} is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (draft.name() == null || draft.name().isBlank() || draft.name().strip().length() > 200) {
            errors.add(new FieldError("name", "1 to 200 characters"));
        }
        if (draft.errorHandling() != null && !List.of("CONTINUE", "FAIL_FAST").contains(draft.errorHandling())) {
            errors.add(new FieldError("errorHandling", "CONTINUE or FAIL_FAST"));
        }
        errors.addAll(graph(draft).problems(eventId -> {
            Event event = em.find(Event.class, eventId);
            return event != null && event.getOwnerId() == ownerId;
        }));
        if (draft.serverIds() != null && !draft.serverIds().isEmpty()) {
            callers.current().require(Permission.RUN_REMOTE);
            for (int i = 0; i < draft.serverIds().size(); i++) {
                Long serverId = draft.serverIds().get(i);
                Server server = serverId == null ? null : em.find(Server.class, serverId);
                if (server == null || server.getDeletedAt() != null || server.getOwnerId() != ownerId) {
                    errors.add(new FieldError("serverIds[" + i + "]", "server " + serverId + " not found"));
                }
            }
        }
        if (draft.schedule() != null) {
            errors.addAll(EventValidator.scheduleProblems(draft.schedule()));
        }
        if (draft.status() != null && !List.of("ACTIVE", "PAUSED").contains(draft.status())) {
            errors.add(new FieldError("status", "ACTIVE or PAUSED"));
        }
        if (draft.variables() != null) {
            draft.variables().forEach((key, value) -> VariableRules.check(key, value).forEach(e ->
                    errors.add(new FieldError("variables." + key + "." + e.field(), e.message()))));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static WorkflowGraph graph(WorkflowDraft draft) {
        List<WorkflowGraph.Node> nodes = draft.nodes() == null ? List.of() : draft.nodes().stream()
                .map(n -> n == null ? null : new WorkflowGraph.Node(n.id(), n.eventId())).toList();
        List<WorkflowGraph.Edge> edges = draft.edges() == null ? List.of() : draft.edges().stream()
                .map(e -> e == null ? null : new WorkflowGraph.Edge(e.from(), e.to(), e.type(), e.condition())).toList();
        return new WorkflowGraph(nodes, edges);
    }

    private static void apply(WorkflowDraft draft, Workflow workflow) {
        workflow.describe(draft.name().strip(), draft.description(),
                draft.errorHandling() == null ? ErrorHandling.CONTINUE : ErrorHandling.valueOf(draft.errorHandling()));
        workflow.getServerIds().clear();
        if (draft.serverIds() != null) {
            workflow.getServerIds().addAll(draft.serverIds());
        }
        workflow.declareVariables(draft.variables());
        var spec = draft.schedule();
        boolean hasCron = spec != null && spec.cron() != null && !spec.cron().isBlank();
        var schedule = spec == null ? new Schedule() : new Schedule(hasCron ? spec.cron().trim() : null,
                spec.intervalSeconds(), spec.timezone(), MisfirePolicy.parse(spec.misfirePolicy()));
        EventStatus status = draft.status() == null ? EventStatus.ACTIVE : EventStatus.valueOf(draft.status());
        schedule.nextFireAt(status == EventStatus.ACTIVE && !schedule.isManualOnly()
                ? FireTimes.next(schedule, Instant.now()).orElse(null) : null);
        workflow.scheduled(schedule, status);
        for (var n : draft.nodes()) {
            var node = new WorkflowNode(workflow, n.id(), n.eventId());
            node.placeAt(n.x(), n.y());
            workflow.getNodes().add(node);
        }
        if (draft.edges() != null) {
            for (var e : draft.edges()) {
                String condition = e.condition() == null || e.condition().isBlank() ? null : e.condition().strip();
                workflow.getEdges().add(new WorkflowEdge(workflow, e.from(), e.to(), EdgeType.valueOf(e.type()), condition));
            }
        }
    }
}
