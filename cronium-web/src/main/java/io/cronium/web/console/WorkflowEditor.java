package io.cronium.web.console;

import io.cronium.common.Jsons;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.events.boundary.EventDraft;
import io.cronium.events.boundary.EventService;
import io.cronium.workflows.boundary.WorkflowDraft;
import io.cronium.workflows.boundary.WorkflowRuns;
import io.cronium.workflows.boundary.WorkflowService;
import io.cronium.workflows.entity.Workflow;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * The workflow editor: name, error handling and the canvas (events dragged from the palette as nodes, connected,
 * each connection's type and condition). Saving sends the whole workflow through the same checks as the API; what
 * the canvas does not edit (servers, variables, schedule, status) is kept as it is.
 */
@Named
@ViewScoped
public class WorkflowEditor implements Serializable {

    private static final long serialVersionUID = 1L;

    /** An event of the palette. */
    public record PaletteItem(long id, String name, String type) implements Serializable {
    }

    @EJB
    transient WorkflowService workflows;

    @EJB
    transient WorkflowRuns runs;

    @EJB
    transient EventService events;

    private Long id;
    private String name;
    private String errorHandling = "CONTINUE";
    private String graph;
    private List<PaletteItem> palette;
    private String eventNames;
    private ArrayList<Long> serverIds = new ArrayList<>();
    private LinkedHashMap<String, String> variables = new LinkedHashMap<>();
    private EventDraft.ScheduleSpec schedule;
    private String status;

    /** Loads the palette and, with an id, the workflow; an unknown or foreign id says so. */
    public void load() {
        palette = events.list(null, 500).items().stream()
                .map(e -> new PaletteItem(e.getId(), e.getName(), e.getType().name())).toList();
        var names = Jsons.createObjectBuilder();
        palette.forEach(p -> names.add(Long.toString(p.id()), p.name()));
        eventNames = names.build().toString();
        if (id == null) {
            graph = "{\"nodes\":[],\"edges\":[]}";
            return;
        }
        try {
            Workflow w = workflows.find(id);
            name = w.getName();
            errorHandling = w.getErrorHandling().name();
            graph = WorkflowGraphJson.of(w);
            serverIds = new ArrayList<>(w.getServerIds());
            variables = new LinkedHashMap<>(w.variables());
            var s = w.getSchedule();
            schedule = s.isManualOnly() ? null : new EventDraft.ScheduleSpec(s.cron(), s.intervalSeconds(),
                    s.timezone(), s.misfirePolicy().name());
            status = w.getStatus().name();
        } catch (ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
            id = null;
            graph = "{\"nodes\":[],\"edges\":[]}";
        }
    }

    public void save() {
        try {
            var parsed = WorkflowGraphJson.parse(graph);
            var draft = new WorkflowDraft(name, null, parsed.nodes(), parsed.edges(), errorHandling, serverIds,
                    variables, schedule, status);
            boolean created = id == null;
            Workflow saved = created ? workflows.create(draft) : workflows.update(id, draft);
            id = saved.getId();
            if (created) { // its own address from now on, so a reload or a bookmark opens it
                Messages.addFlashGlobalInfo("Workflow ''{0}'' created", saved.getName());
                Faces.redirect("app/workflow.xhtml?id=" + id);
            } else {
                Messages.addGlobalInfo("Workflow ''{0}'' saved", saved.getName());
            }
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> Messages.addGlobalError("{0}: {1}", error.field(), error.message()));
        } catch (IllegalArgumentException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Viewers cannot change workflows");
        }
    }

    /** Starts a run of the saved workflow and opens its run view. */
    public void run() {
        try {
            long run = runs.run(id, null, Map.of()).getId();
            Faces.redirect("app/workflow-run.xhtml?id=" + run);
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Viewers cannot run workflows");
        }
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getErrorHandling() { return errorHandling; }
    public void setErrorHandling(String errorHandling) { this.errorHandling = errorHandling; }
    public String getGraph() { return graph; }
    public void setGraph(String graph) { this.graph = graph; }
    public List<PaletteItem> getPalette() { return palette; }
    public String getEventNames() { return eventNames; }
}
