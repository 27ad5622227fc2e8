package io.cronium.workflows.control;

import io.cronium.common.Condition;
import io.cronium.events.entity.Event;
import io.cronium.jobs.control.RunEnqueuer;
import io.cronium.jobs.control.WorkflowStepRef;
import io.cronium.logs.control.RunEnded;
import io.cronium.logs.entity.LogStatus;
import io.cronium.logs.entity.RunLog;
import io.cronium.workflows.control.WorkflowPlan.NodeState;
import io.cronium.workflows.entity.Workflow;
import io.cronium.workflows.entity.WorkflowExecution;
import io.cronium.workflows.entity.WorkflowStep;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs workflows on the job queue. Each step is an ordinary run of its event (a log and a job); when a step's run
 * ends, the transaction that records its end also locks the workflow run, rebuilds its plan from the recorded steps,
 * and queues the steps that became ready (or stops the running ones, FAIL_FAST): a step's end and its consequences
 * commit together or not at all, so a node dying in between loses nothing and nothing runs twice.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class WorkflowEngine {

    @PersistenceContext
    EntityManager em;

    @EJB
    RunEnqueuer enqueuer;

    @Inject
    jakarta.enterprise.event.Event<StepsToStop> stops;

    /** Starts a run: a step record per node, and the start nodes queued with the run's input. */
    public WorkflowExecution start(Workflow workflow, String trigger, String input, Map<String, String> variables) {
        var definition = WorkflowDefinition.of(workflow);
        Map<String, String> values = new LinkedHashMap<>(definition.variables());
        values.putAll(variables);
        var run = new WorkflowExecution(workflow.getId(), workflow.getOwnerId(), trigger, input, definition.toJson(),
                WorkflowVariables.toJson(values).toString());
        em.persist(run);
        em.flush();
        Map<String, WorkflowStep> steps = new LinkedHashMap<>();
        for (var node : definition.nodes()) {
            var step = new WorkflowStep(run.getId(), node.key(), node.eventId());
            em.persist(step);
            steps.put(node.key(), step);
        }
        Instant now = Instant.now();
        for (String node : definition.plan(Map.of()).start()) {
            queue(run, definition, steps.get(node), input, values, now);
        }
        return run; // live views follow a run by its steps' logs, which are announced
    }

    /** A run ended: when it was a workflow step, its workflow run goes on, in the same transaction. */
    public void onRunEnded(@Observes RunEnded ended) {
        List<Long> runs = em.createQuery("select s.workflowExecutionId from WorkflowStep s where s.logId = :log",
                Long.class).setParameter("log", ended.logId()).getResultList();
        if (!runs.isEmpty()) {
            advance(runs.get(0), ended.workflowVariables());
        }
    }

    /** Moves a run on in a transaction of its own (the sweep that catches a step end no transaction reported). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void advanceAlone(long executionId) {
        advance(executionId, Map.of());
    }

    /**
     * Applies every step end recorded since the run last moved (in the order they ended), then queues what became
     * ready, stops what FAIL_FAST cancelled, and ends the run when no node is left to run.
     */
    void advance(long executionId, Map<String, String> variableChanges) {
        var run = em.find(WorkflowExecution.class, executionId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || !"RUNNING".equals(run.getStatus())) {
            return;
        }
        Map<String, String> values = WorkflowVariables.parse(run.getVariables());
        if (!variableChanges.isEmpty()) {
            values.putAll(variableChanges);
            run.variables(WorkflowVariables.toJson(values).toString());
        }
        var definition = WorkflowDefinition.fromJson(run.getDefinition());
        Map<String, WorkflowStep> steps = steps(executionId);
        Map<Long, RunLog> logs = logs(steps.values());
        Map<String, WorkflowPlan.Recorded> recorded = new LinkedHashMap<>();
        List<WorkflowStep> ended = new ArrayList<>();
        steps.forEach((node, step) -> {
            NodeState state = StepStatus.toState(step.getStatus());
            RunLog log = step.getLogId() == null ? null : logs.get(step.getLogId());
            if (state == NodeState.RUNNING && log != null && log.getStatus().isFinal()) {
                ended.add(step);
            }
            boolean ran = state == NodeState.SUCCEEDED || state == NodeState.FAILED;
            recorded.put(node, new WorkflowPlan.Recorded(state, ran && log != null ? facts(log) : null));
        });
        if (ended.isEmpty()) {
            return;
        }
        ended.sort(Comparator.comparing((WorkflowStep s) -> logs.get(s.getLogId()).getFinishedAt(),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(WorkflowStep::getId));
        WorkflowPlan plan = definition.plan(recorded);
        List<String> ready = new ArrayList<>();
        List<String> toStop = new ArrayList<>();
        String failed = null;
        for (WorkflowStep step : ended) {
            RunLog log = logs.get(step.getLogId());
            WorkflowPlan.Next next;
            if (log.getStatus() == LogStatus.CANCELLED) {
                next = plan.cancelled(step.getNodeKey());
            } else {
                next = plan.finished(step.getNodeKey(), log.getStatus() == LogStatus.SUCCESS, facts(log));
                if (log.getStatus() != LogStatus.SUCCESS && failed == null) {
                    failed = step.getNodeKey();
                }
            }
            ready.addAll(next.start());
            toStop.addAll(next.cancel());
        }
        Instant now = Instant.now();
        record(plan, steps, now);
        for (String node : ready) {
            queue(run, definition, steps.get(node), plan.inputOf(node).toString(), values, now);
        }
        if (!toStop.isEmpty()) {
            stops.fire(new StepsToStop(toStop.stream().map(n -> steps.get(n).getJobId()).toList(),
                    "cancelled: step '" + failed + "' failed and the workflow fails fast"));
        }
        settle(run, plan, now);
    }

    /** Cancels a run: nodes not started never will, running ones are stopped; false if it had ended already. */
    public boolean cancel(long executionId, String reason) {
        var run = em.find(WorkflowExecution.class, executionId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || !"RUNNING".equals(run.getStatus())) {
            return false;
        }
        var definition = WorkflowDefinition.fromJson(run.getDefinition());
        Map<String, WorkflowStep> steps = steps(executionId);
        Map<String, WorkflowPlan.Recorded> recorded = new LinkedHashMap<>();
        steps.forEach((node, step) -> recorded.put(node, new WorkflowPlan.Recorded(StepStatus.toState(step.getStatus()),
                null)));
        WorkflowPlan plan = definition.plan(recorded);
        List<String> running = plan.cancelRest();
        Instant now = Instant.now();
        record(plan, steps, now);
        stops.fire(new StepsToStop(running.stream().map(n -> steps.get(n).getJobId()).toList(), reason));
        settle(run, plan, now);
        return true;
    }

    private void queue(WorkflowExecution run, WorkflowDefinition definition, WorkflowStep step, String input,
                       Map<String, String> variables, Instant now) {
        Event event = em.find(Event.class, step.getEventId());
        var ref = new WorkflowStepRef(definition.workflowId(), run.getId(), step.getNodeKey(), variables);
        var ticket = enqueuer.enqueue(event, input, RunEnqueuer.Origin.step(ref, definition.serverIds()));
        step.queued(ticket.logId(), ticket.jobId(), now);
    }

    /** Writes the plan's node states to the step records. */
    private static void record(WorkflowPlan plan, Map<String, WorkflowStep> steps, Instant now) {
        plan.states().forEach((node, state) -> {
            String status = StepStatus.of(state);
            if (!status.equals(steps.get(node).getStatus())) {
                steps.get(node).status(status, now);
            }
        });
    }

    private void settle(WorkflowExecution run, WorkflowPlan plan, Instant now) {
        Map<NodeState, Long> counts = plan.states().values().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        int succeeded = counts.getOrDefault(NodeState.SUCCEEDED, 0L).intValue();
        int failed = counts.getOrDefault(NodeState.FAILED, 0L).intValue();
        int skipped = counts.getOrDefault(NodeState.SKIPPED, 0L).intValue();
        if (plan.done()) {
            String status = plan.status();
            String error = "FAILURE".equals(status) ? "failed steps: " + plan.states().entrySet().stream()
                    .filter(e -> e.getValue() == NodeState.FAILED).map(Map.Entry::getKey)
                    .collect(Collectors.joining(", ")) : null;
            run.ended(status, succeeded, failed, skipped, error, now);
        } else {
            run.counted(succeeded, failed, skipped);
        }
    }

    private Map<String, WorkflowStep> steps(long executionId) {
        Map<String, WorkflowStep> steps = new LinkedHashMap<>();
        em.createQuery("select s from WorkflowStep s where s.workflowExecutionId = :run order by s.id",
                        WorkflowStep.class).setParameter("run", executionId).getResultList()
                .forEach(s -> steps.put(s.getNodeKey(), s));
        return steps;
    }

    private Map<Long, RunLog> logs(java.util.Collection<WorkflowStep> steps) {
        List<Long> ids = steps.stream().map(WorkflowStep::getLogId).filter(java.util.Objects::nonNull).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        // refreshed: a log ended by plain SQL in this transaction (a cancel before start) may be loaded already
        return em.createQuery("select l from RunLog l where l.id in :ids", RunLog.class).setParameter("ids", ids)
                .setHint("eclipselink.refresh", "true").getResultList().stream().collect(Collectors.toMap(RunLog::getId, Function.identity()));
    }

    /** What a step's edges decide on: its exit code, status and output (text that is not JSON: as a string). */
    static Condition.Facts facts(RunLog log) {
        return Condition.facts(log.getExitCode(), log.getStatus().name(), log.getResult());
    }
}
