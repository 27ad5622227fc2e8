package io.cronium.web.console;

import io.cronium.common.Jsons;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.events.boundary.EventService;
import io.cronium.workflows.boundary.WorkflowRuns;
import io.cronium.workflows.control.WorkflowDefinition;
import io.cronium.workflows.entity.WorkflowExecution;
import io.cronium.workflows.entity.WorkflowStep;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.omnifaces.util.Messages;
import org.primefaces.PrimeFaces;

/**
 * One workflow run: its status and counts, the workflow's graph with each node coloured by its step's status, and
 * the steps with links to their logs. The page's WebSocket says when a run changed; it then refreshes itself.
 */
@Named
@ViewScoped
public class WorkflowRunView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A step of the table. */
    public record Step(String nodeId, String event, String status, Long logId, Instant startedAt, Instant finishedAt)
            implements Serializable {
    }

    /** The run's facts above the graph. */
    public record Summary(long id, long workflowId, String status, String trigger, int successCount, int failureCount,
                          int skippedCount, Instant startedAt, Instant finishedAt, Long durationMs, String error)
            implements Serializable {

        static Summary of(WorkflowExecution r) {
            return new Summary(r.getId(), r.getWorkflowId(), r.getStatus(), r.getTrigger(), r.getSuccessCount(),
                    r.getFailureCount(), r.getSkippedCount(), r.getStartedAt(), r.getFinishedAt(), r.getDurationMs(),
                    r.getError());
        }
    }

    @EJB
    transient WorkflowRuns runs;

    @EJB
    transient EventService events;

    private Long id;
    private Summary summary;
    private List<Step> steps;
    private String graph;
    private String eventNames;
    /** The names of the run's events, read once (a refresh on every pushed change reads only the run). */
    private final java.util.LinkedHashMap<Long, String> names = new java.util.LinkedHashMap<>();

    public void load() {
        try {
            var definition = WorkflowDefinition.fromJson(runs.find(id).getDefinition());
            graph = WorkflowGraphJson.of(definition);
            definition.nodes().forEach(n -> names.computeIfAbsent(n.eventId(), this::eventName));
            var json = Jsons.createObjectBuilder();
            names.forEach((eventId, name) -> json.add(Long.toString(eventId), name));
            eventNames = json.build().toString();
            refreshState();
        } catch (ResourceNotFoundException | EJBAccessException e) {
            Messages.addGlobalError("Workflow run {0} not found", id);
            summary = null;
        }
    }

    /** Re-reads the run and hands the step statuses to the canvas. */
    public void refresh() {
        refreshState();
        PrimeFaces.current().ajax().addCallbackParam("statuses", statuses());
    }

    private void refreshState() {
        summary = Summary.of(runs.find(id));
        steps = runs.steps(id).stream().sorted(java.util.Comparator.comparing(WorkflowStep::getStartedAt,
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                .thenComparing(WorkflowStep::getNodeKey)).map(this::step).toList();
    }

    private Step step(WorkflowStep s) {
        return new Step(s.getNodeKey(), s.getEventId() == null ? "" : names.getOrDefault(s.getEventId(), ""),
                s.getStatus(), s.getLogId(), s.getStartedAt(), s.getFinishedAt());
    }

    private String eventName(long eventId) {
        try {
            return events.find(eventId).getName();
        } catch (ResourceNotFoundException e) {
            return "event " + eventId;
        }
    }

    /** The step statuses by node id, as JSON for the canvas. */
    public String statuses() {
        var json = Jsons.createObjectBuilder();
        steps.forEach(s -> json.add(s.nodeId(), s.status()));
        return json.build().toString();
    }

    public void cancel() {
        try {
            runs.cancel(id);
            refreshState();
        } catch (io.cronium.common.ConflictException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Viewers cannot cancel runs");
        }
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Summary getSummary() { return summary; }
    public List<Step> getSteps() { return steps; }
    public String getGraph() { return graph; }
    public String getEventNames() { return eventNames; }
}
