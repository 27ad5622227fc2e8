package io.cronium.web.console;

import io.cronium.common.ConflictException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.jobs.boundary.JobCancellation;
import io.cronium.jobs.boundary.JobQueries;
import io.cronium.jobs.entity.Job;
import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import io.cronium.users.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.omnifaces.util.Messages;

/** What is queued and running right now, kept current by the page's WebSocket. */
@Named
@ViewScoped
public class QueueView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int LIMIT = 500;

    public record Row(long id, Long eventId, long logId, String status, String priority, int attempt, String node,
                      boolean cancelRequested, Instant runAt, Instant startedAt) implements Serializable {
        static Row of(Job j) {
            return new Row(j.getId(), j.getEventId(), j.getLogId(), j.getStatus().name(), j.getPriority().name(),
                    j.getAttempt(), j.getClaimedBy(), j.isCancelRequested(), j.getRunAt(), j.getStartedAt());
        }
    }

    @EJB
    transient JobQueries jobs;

    @EJB
    transient JobCancellation cancellation;

    @EJB
    transient CallerResolver callers;

    private List<Row> rows;
    private boolean mayCancel;

    @PostConstruct
    void init() {
        Caller caller = callers.current();
        mayCancel = caller.role() != Role.VIEWER;
        load();
    }

    public void load() {
        rows = jobs.active(LIMIT).stream().map(Row::of).toList();
    }

    public void cancel(Row row) {
        try {
            cancellation.cancel(row.id());
            Messages.addGlobalInfo("Job #{0} cancelled", row.id());
        } catch (ConflictException | ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Your role does not allow cancelling runs");
        }
        load();
    }

    public long count(String status) {
        return rows.stream().filter(r -> r.status().equals(status)).count();
    }

    public List<Row> getRows() { return rows; }
    public boolean isMayCancel() { return mayCancel; }
}
