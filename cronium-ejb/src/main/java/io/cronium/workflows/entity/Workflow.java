package io.cronium.workflows.entity;

import io.cronium.events.entity.EventStatus;
import io.cronium.scheduling.entity.Schedule;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@Entity
@Table(name = "workflows")
public class Workflow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(nullable = false)
    private String name;

    private String description;

    @Embedded
    private Schedule schedule = new Schedule();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EventStatus status = EventStatus.DRAFT;

    @Enumerated(EnumType.STRING)
    @Column(name = "error_handling", nullable = false)
    private ErrorHandling errorHandling = ErrorHandling.CONTINUE;

    @OneToMany(mappedBy = "workflow", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderColumn(name = "position")
    private List<WorkflowNode> nodes = new ArrayList<>();

    @OneToMany(mappedBy = "workflow", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderColumn(name = "position")
    private List<WorkflowEdge> edges = new ArrayList<>();

    /** Overrides the servers of every event in the workflow when not empty. */
    @ElementCollection
    @CollectionTable(name = "workflow_servers", joinColumns = @JoinColumn(name = "workflow_id"))
    @Column(name = "server_id")
    private Set<Long> serverIds = new LinkedHashSet<>();

    /** The declared workflow variables and their defaults, as JSON (see WorkflowVariables). */
    @Column(name = "variables")
    private String variablesJson;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected Workflow() {
    }

    public Workflow(long ownerId, String name) {
        this.ownerId = ownerId;
        this.name = name;
    }

    /** Name, description and error handling, as a client submits them. */
    public void describe(String name, String description, ErrorHandling errorHandling) {
        this.name = name;
        this.description = description;
        this.errorHandling = errorHandling;
        this.updatedAt = Instant.now();
    }

    /** The declared workflow variables with their defaults. */
    public java.util.Map<String, String> variables() {
        return io.cronium.workflows.control.WorkflowVariables.parse(variablesJson);
    }

    /** Its schedule and status; the next fire time is computed by the caller. */
    public void scheduled(Schedule schedule, EventStatus status) {
        this.schedule = schedule;
        this.status = status;
    }

    public void declareVariables(java.util.Map<String, String> defaults) {
        this.variablesJson = defaults == null || defaults.isEmpty() ? null
                : io.cronium.workflows.control.WorkflowVariables.toJson(defaults).toString();
    }

    public Long getId() { return id; }
    public long getOwnerId() { return ownerId; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public Schedule getSchedule() { return schedule; }
    public EventStatus getStatus() { return status; }
    public ErrorHandling getErrorHandling() { return errorHandling; }
    public List<WorkflowNode> getNodes() { return nodes; }
    public List<WorkflowEdge> getEdges() { return edges; }
    public Set<Long> getServerIds() { return serverIds; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
