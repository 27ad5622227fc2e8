package io.cronium.web.console;

import io.cronium.common.ConflictException;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.events.boundary.EventService;
import io.cronium.execution.ExecutorRegistry;
import io.cronium.jobs.boundary.RunRequests;
import io.cronium.servers.boundary.ServerService;
import io.cronium.servers.entity.Server;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
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

    @Inject
    transient ExecutorRegistry executors;

    @EJB
    transient ServerService serverService;

    private List<EventRow> rows;
    private transient List<Server> servers;
    private Long editingId;
    private EventForm form = new EventForm();
    private boolean editing;
    private Long lastLogId;

    @PostConstruct
    void load() {
        rows = events.list(null, 500).items().stream().map(EventRow::of).toList();
    }

    public void startNew() {
        editingId = null;
        form = new EventForm();
        editing = true;
    }

    public void edit(EventRow row) {
        try {
            form = EventForm.of(events.find(row.id()));
            editingId = row.id();
            editing = true;
        } catch (ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
            load();
        }
    }

    public void cancel() {
        editing = false;
    }

    public void addAction() {
        form.getActions().add(new ActionRow());
    }

    public void removeAction(ActionRow action) {
        form.getActions().remove(action);
    }

    public void save() {
        var draft = form.toDraft();
        String name = form.getName();
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
        } catch (ResourceNotFoundException | io.cronium.common.ConflictException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Your role does not allow deleting events");
        }
    }

    /** Recomputed on every request while the editor is open, so it follows what the user types. */
    public SchedulePreview getPreview() {
        return SchedulePreview.of(form.getScheduleKind(), form.getCron(), form.getIntervalSeconds(), form.getTimezone());
    }

    public List<String> getTimezones() {
        return TIME_ZONES;
    }

    public List<String> getStatuses() {
        return List.of("DRAFT", "ACTIVE", "PAUSED", "ARCHIVED");
    }

    private static final List<String> TIME_ZONES = java.time.ZoneId.getAvailableZoneIds().stream().sorted().toList();

    public List<String> getTypes() {
        return List.of("BASH", "PYTHON", "NODE", "HTTP");
    }

    public List<String> getHttpMethods() {
        return List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    }

    /** The caller's servers, for a remote event's targets. */
    public List<jakarta.faces.model.SelectItem> getServers() {
        return ownServers().stream()
                .map(s -> new jakarta.faces.model.SelectItem(s.getId(), s.getName() + " (" + s.getHost() + ")"))
                .toList();
    }

    /** The groups the caller's servers are in, for a remote event's targets. */
    public List<String> getServerGroups() {
        return ownServers().stream().map(Server::getGroup).filter(java.util.Objects::nonNull).distinct().sorted().toList();
    }

    private List<Server> ownServers() {
        if (servers == null) {
            servers = serverService.list(null, 500, null, false).items();
        }
        return servers;
    }

    public boolean isContainersAvailable() {
        return executors.containersAvailable();
    }

    public List<EventRow> getRows() { return rows; }
    public boolean isEditing() { return editing; }
    public Long getEditingId() { return editingId; }
    public Long getLastLogId() { return lastLogId; }
    public EventForm getForm() { return form; }
}
