package io.cronium.web.console;

import io.cronium.common.ConflictException;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.events.boundary.EventDraft;
import io.cronium.events.boundary.EventService;
import io.cronium.jobs.boundary.RunRequests;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.omnifaces.util.Messages;

@Named
@ViewScoped
public class EventsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient EventService events;

    @EJB
    transient RunRequests runs;

    private List<EventRow> rows;
    private Long editingId;
    private String name;
    private String type = "BASH";
    private String content;
    private String cron;
    private String scheduleKind = "MANUAL";
    private Long intervalSeconds;
    private String timezone = "UTC";
    private String misfirePolicy = "RUN_ONCE";
    private String status = "ACTIVE";
    private int timeoutSeconds = 3600;
    private boolean editing;
    private Long lastLogId;

    @PostConstruct
    void load() {
        rows = events.list(null, 500).items().stream().map(EventRow::of).toList();
    }

    public void startNew() {
        editingId = null;
        name = null;
        type = "BASH";
        content = null;
        cron = null;
        scheduleKind = "MANUAL";
        intervalSeconds = null;
        timezone = "UTC";
        misfirePolicy = "RUN_ONCE";
        status = "ACTIVE";
        timeoutSeconds = 3600;
        editing = true;
    }

    public void edit(EventRow row) {
        editingId = row.id();
        name = row.name();
        type = row.type();
        content = row.content();
        cron = row.cron();
        intervalSeconds = row.intervalSeconds();
        scheduleKind = row.cron() != null ? "CRON" : row.intervalSeconds() != null ? "INTERVAL" : "MANUAL";
        timezone = row.timezone();
        misfirePolicy = row.misfirePolicy();
        status = row.status();
        timeoutSeconds = row.timeoutSeconds();
        editing = true;
    }

    public void cancel() {
        editing = false;
    }

    public void save() {
        var schedule = switch (scheduleKind) {
            case "CRON" -> new EventDraft.ScheduleSpec(cron, null, timezone, misfirePolicy);
            case "INTERVAL" -> new EventDraft.ScheduleSpec(null, intervalSeconds, timezone, misfirePolicy);
            default -> null;
        };
        var draft = new EventDraft(name, null, type, content, null, schedule, status, timeoutSeconds, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        try {
            if (editingId == null) {
                events.create(draft);
                Messages.addGlobalInfo("Event ''{0}'' created", name);
            } else {
                events.update(editingId, draft);
                Messages.addGlobalInfo("Event ''{0}'' saved", name);
            }
            editing = false;
            load();
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> Messages.addGlobalError("{0}: {1}", error.field(), error.message()));
        } catch (ConflictException | ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Your role does not allow changing events");
        }
    }

    public void run(EventRow row) {
        try {
            lastLogId = runs.runNow(row.id(), null).logId();
            Messages.addGlobalInfo("''{0}'' queued as run #{1}", row.name(), lastLogId);
        } catch (ConflictException | ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Your role does not allow running events");
        }
    }

    public void delete(EventRow row) {
        try {
            events.delete(row.id());
            Messages.addGlobalInfo("Event ''{0}'' deleted", row.name());
            load();
        } catch (ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Your role does not allow deleting events");
        }
    }

    /** Recomputed on every request while the editor is open, so it follows what the user types. */
    public SchedulePreview getPreview() {
        return SchedulePreview.of(scheduleKind, cron, intervalSeconds, timezone);
    }

    public List<String> getTimezones() {
        return TIME_ZONES;
    }

    public List<String> getStatuses() {
        return List.of("DRAFT", "ACTIVE", "PAUSED", "ARCHIVED");
    }

    private static final List<String> TIME_ZONES = java.time.ZoneId.getAvailableZoneIds().stream().sorted().toList();

    public List<String> getTypes() {
        return List.of("BASH", "PYTHON", "NODE");
    }

    public List<EventRow> getRows() { return rows; }
    public boolean isEditing() { return editing; }
    public Long getEditingId() { return editingId; }
    public Long getLastLogId() { return lastLogId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getContent() { return content; }
    public void setContent(String content) { this.content = content; }
    public String getCron() { return cron; }
    public void setCron(String cron) { this.cron = cron; }
    public String getScheduleKind() { return scheduleKind; }
    public void setScheduleKind(String scheduleKind) { this.scheduleKind = scheduleKind; }
    public Long getIntervalSeconds() { return intervalSeconds; }
    public void setIntervalSeconds(Long intervalSeconds) { this.intervalSeconds = intervalSeconds; }
    public String getTimezone() { return timezone; }
    public void setTimezone(String timezone) { this.timezone = timezone; }
    public String getMisfirePolicy() { return misfirePolicy; }
    public void setMisfirePolicy(String misfirePolicy) { this.misfirePolicy = misfirePolicy; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public int getTimeoutSeconds() { return timeoutSeconds; }
    public void setTimeoutSeconds(int timeoutSeconds) { this.timeoutSeconds = timeoutSeconds; }
}
