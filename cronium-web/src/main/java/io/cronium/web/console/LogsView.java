package io.cronium.web.console;

import io.cronium.logs.boundary.LogFilter;
import io.cronium.logs.boundary.LogQueries;
import io.cronium.logs.entity.LogStatus;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** The runs list: filters, newest first, page by page (keyset, so page 1,000 costs what page 1 costs). */
@Named
@ViewScoped
public class LogsView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int PAGE = 50;

    @EJB
    transient LogQueries logs;

    private Long eventId;
    private Long workflowId;
    private Long serverId;
    private String status;
    private LocalDate from;
    private LocalDate to;
    private Long pageBefore;
    private Long nextBefore;
    private final Deque<Long> newerPages = new ArrayDeque<>();
    private List<LogRow> rows;

    @PostConstruct
    void init() {
        load();
    }

    /** Applies the filters from the first page. */
    public void search() {
        pageBefore = null;
        newerPages.clear();
        load();
    }

    public void older() {
        if (nextBefore != null) {
            newerPages.push(pageBefore == null ? 0L : pageBefore);
            pageBefore = nextBefore;
            load();
        }
    }

    public void newer() {
        if (!newerPages.isEmpty()) {
            long previous = newerPages.pop();
            pageBefore = previous == 0L ? null : previous;
            load();
        }
    }

    public void load() {
        var filter = new LogFilter(eventId, workflowId, serverId, status == null || status.isBlank() ? null : LogStatus.parse(status),
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        var page = logs.list(filter, pageBefore, PAGE);
        rows = page.items().stream().map(LogRow::of).toList();
        nextBefore = page.nextBefore();
    }

    public List<String> getStatuses() {
        return Arrays.stream(LogStatus.values()).map(Enum::name).toList();
    }

    public boolean isHasOlder() { return nextBefore != null; }
    public boolean isHasNewer() { return !newerPages.isEmpty(); }
    public List<LogRow> getRows() { return rows; }
    public Long getEventId() { return eventId; }
    public void setEventId(Long eventId) { this.eventId = eventId; }
    public Long getWorkflowId() { return workflowId; }
    public void setWorkflowId(Long workflowId) { this.workflowId = workflowId; }
    public Long getServerId() { return serverId; }
    public void setServerId(Long serverId) { this.serverId = serverId; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
}
