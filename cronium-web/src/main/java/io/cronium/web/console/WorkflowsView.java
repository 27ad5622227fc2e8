package io.cronium.web.console;

import io.cronium.workflows.boundary.WorkflowRuns;
import io.cronium.workflows.boundary.WorkflowService;
import io.cronium.workflows.entity.Workflow;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import io.cronium.workflows.entity.WorkflowExecution;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The workflows page: each workflow with its size, schedule and last run. */
@Named
@ViewScoped
public class WorkflowsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A row of the table. */
    public record Row(long id, String name, int nodes, String errorHandling, String schedule, Long lastRunId,
                      String lastRunStatus) implements Serializable {
    }

    @EJB
    transient WorkflowService workflows;

    @EJB
    transient WorkflowRuns runs;

    private List<Row> rows;

    @PostConstruct
    void load() {
        List<Workflow> all = workflows.list(null, 500).items();
        List<Long> ids = all.stream().map(Workflow::getId).toList();
        Map<Long, WorkflowExecution> latest = runs.latestRuns(ids);
        Map<Long, Integer> nodes = workflows.nodeCounts(ids);
        rows = all.stream().map(w -> row(w, nodes.getOrDefault(w.getId(), 0), Optional.ofNullable(latest.get(w.getId()))))
                .toList();
    }

    private static Row row(Workflow w, int nodes, Optional<WorkflowExecution> last) {
        var s = w.getSchedule();
        String schedule = s.isManualOnly() ? "" : (s.cron() != null ? s.cron() : "every " + s.intervalSeconds() + " s")
                + " (" + w.getStatus() + ")";
        return new Row(w.getId(), w.getName(), nodes, w.getErrorHandling().name(), schedule,
                last.map(r -> r.getId()).orElse(null), last.map(r -> r.getStatus()).orElse(null));
    }

    public List<Row> getRows() { return rows; }
}
