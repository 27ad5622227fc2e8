package io.cronium.web.console;

import io.cronium.common.ResourceNotFoundException;
import io.cronium.logs.boundary.LogFilter;
import io.cronium.logs.boundary.LogQueries;
import io.cronium.logs.entity.RunLog;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.omnifaces.util.Messages;

@Named
@ViewScoped
public class LogsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient LogQueries logs;

    private Long selectedId;
    private List<LogRow> rows;
    private Selected selected;

    /** The log shown in full below the table. */
    public record Selected(long id, Long eventId, String status, Integer exitCode, Long durationMs, String output,
                           String error, boolean sandboxed, String executor) implements Serializable {
    }

    public void load() {
        rows = logs.list(LogFilter.none(), null, 100).items().stream().map(LogRow::of).toList();
        if (selectedId != null) {
            try {
                var details = logs.find(selectedId);
                RunLog l = details.log();
                var last = details.executions().isEmpty() ? null : details.executions().get(details.executions().size() - 1);
                selected = new Selected(l.getId(), l.getEventId(), l.getStatus().name(), l.getExitCode(),
                        l.getDurationMs(), l.getOutput(), l.getError(), last != null && last.isSandboxed(),
                        last == null ? null : last.getExecutor());
            } catch (ResourceNotFoundException e) {
                selected = null;
                Messages.addGlobalError("Run #{0} does not exist", selectedId);
            }
        }
    }

    public void select(LogRow row) {
        selectedId = row.id();
        load();
    }

    public boolean isAnyActive() {
        return rows != null && rows.stream().anyMatch(LogRow::isActive)
                || selected != null && ("PENDING".equals(selected.status()) || "RUNNING".equals(selected.status()));
    }

    public List<LogRow> getRows() {
        if (rows == null) {
            load();
        }
        return rows;
    }

    public Selected getSelected() { return selected; }
    public Long getSelectedId() { return selectedId; }
    public void setSelectedId(Long selectedId) { this.selectedId = selectedId; }
}
