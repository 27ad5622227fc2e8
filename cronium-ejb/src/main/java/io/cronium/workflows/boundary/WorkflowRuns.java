package io.cronium.workflows.boundary;

import io.cronium.common.ConflictException;
import io.cronium.common.FieldError;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.platform.KeysetQuery;
import io.cronium.platform.Page;
import io.cronium.users.boundary.CallerResolver;
import io.cronium.workflows.control.WorkflowDefinition;
import io.cronium.workflows.control.WorkflowEngine;
import io.cronium.workflows.entity.Workflow;
import io.cronium.workflows.entity.WorkflowExecution;
import io.cronium.workflows.entity.WorkflowStep;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;

/** Runs of workflows: started by hand, read with their steps, cancelled; each user sees only their own. */
@Stateless
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
public class WorkflowRuns {

    @PersistenceContext
    EntityManager em;

    @EJB
    WorkflowService workflows;

    @EJB
    WorkflowEngine engine;

    @Inject
    CallerResolver callers;

    /** Starts a run with {@code input} (JSON text, may be null) and values for declared workflow variables. */
    @RolesAllowed({"USER", "ADMIN"})
    public WorkflowExecution run(long workflowId, String input, Map<String, String> variables) {
        Workflow workflow = workflows.find(workflowId);
        return start(workflow, "MANUAL", input, variables);
    }

    /** Starts a run once the given variables are known to be the workflow's. */
    private WorkflowExecution start(Workflow workflow, String trigger, String input, Map<String, String> variables) {
        Map<String, String> declared = workflow.variables();
        Map<String, String> given = variables == null ? Map.of() : variables;
        List<FieldError> unknown = given.keySet().stream().filter(k -> !declared.containsKey(k))
                .map(k -> new FieldError("variables." + k, "not a variable of this workflow (it declares "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())) + ")")).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown);
        }
        return engine.start(workflow, trigger, input, given);
    }

    public WorkflowExecution find(long executionId) {
        WorkflowExecution run = em.find(WorkflowExecution.class, executionId);
        if (run == null || run.getOwnerId() == null || !callers.current().canSee(run.getOwnerId())) {
            throw new ResourceNotFoundException("workflow execution", executionId);
        }
        return run;
    }

    /** The run's steps in the order of the workflow's nodes. */
    public List<WorkflowStep> steps(long executionId) {
        List<String> order = WorkflowDefinition.fromJson(find(executionId).getDefinition()).nodes().stream()
                .map(WorkflowDefinition.Node::key).toList();
        return em.createQuery("select s from WorkflowStep s where s.workflowExecutionId = :run", WorkflowStep.class)
                .setParameter("run", executionId).getResultList().stream()
                .sorted(java.util.Comparator.comparingInt(s -> order.indexOf(s.getNodeKey()))).toList();
    }

    public Page<WorkflowExecution> list(long workflowId, Long beforeId, int limit) {
        workflows.find(workflowId);
        return new KeysetQuery<>(WorkflowExecution.class, "r", beforeId)
                .where("r.workflowId = :workflow", "workflow", workflowId)
                .page(em, limit, WorkflowExecution::getId);
    }

    /** The latest run of each of the workflows (those that ran and the caller may see), in one query. */
    public Map<Long, WorkflowExecution> latestRuns(List<Long> workflowIds) {
        if (workflowIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select r from WorkflowExecution r where r.id in (select max(l.id) from"
                        + " WorkflowExecution l where l.workflowId in :workflows group by l.workflowId)",
                WorkflowExecution.class).setParameter("workflows", workflowIds).getResultList().stream()
                .filter(r -> r.getOwnerId() != null && callers.current().canSee(r.getOwnerId()))
                .collect(java.util.stream.Collectors.toMap(WorkflowExecution::getWorkflowId, r -> r));
    }

    /** Cancels a run that has not ended: 409 if it has. */
    @RolesAllowed({"USER", "ADMIN"})
    public void cancel(long executionId) {
        WorkflowExecution run = find(executionId);
        if (!engine.cancel(executionId, "cancelled with its workflow run by " + callers.current().username())) {
            throw new ConflictException("workflow execution " + executionId + " has already ended (" + run.getStatus()
                    + "); nothing to cancel");
        }
    }
}
