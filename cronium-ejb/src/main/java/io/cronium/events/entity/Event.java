package io.cronium.events.entity;

import io.cronium.jobs.entity.JobPriority;
import io.cronium.jobs.entity.RunPolicy;
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
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@Entity
@Table(name = "events")
public class Event {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(nullable = false)
    private String name;

    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EventType type;

    private String content;

    @Embedded
    private HttpCall http = new HttpCall();

    @Embedded
    private Schedule schedule = new Schedule();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EventStatus status = EventStatus.DRAFT;

    @Column(name = "timeout_seconds", nullable = false)
    private int timeoutSeconds = 3600;

    @Embedded
    private RunPolicy runPolicy = new RunPolicy();

    @Column(name = "max_executions")
    private Integer maxExecutions;

    @Column(name = "execution_count", nullable = false)
    private int executionCount;

    @Enumerated(EnumType.STRING)
    @Column(name = "run_location", nullable = false)
    private RunLocation runLocation = RunLocation.LOCAL;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Isolation isolation = Isolation.AUTO;

    @Embedded
    private ResourceLimits limits = new ResourceLimits();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobPriority priority = JobPriority.NORMAL;

    @OneToMany(mappedBy = "event", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("name")
    private List<EnvVar> env = new ArrayList<>();

    @OneToMany(mappedBy = "event", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<ConditionalAction> conditionalActions = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "event_servers", joinColumns = @JoinColumn(name = "event_id"))
    @Column(name = "server_id")
    private Set<Long> serverIds = new LinkedHashSet<>();

    /** Groups of the owner's servers to run on too, resolved when a run is queued (membership may change). */
    @ElementCollection
    @CollectionTable(name = "event_server_groups", joinColumns = @JoinColumn(name = "event_id"))
    @Column(name = "group_name")
    private Set<String> serverGroups = new LinkedHashSet<>();

    @Version
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected Event() {
    }

    public Event(long ownerId) {
        this.ownerId = ownerId;
    }

    public void touch() {
        updatedAt = Instant.now();
    }

    /** Replaces the environment; {@code encryptedSecrets} maps names to ciphertexts already bound to this row. */
    public void replaceEnv(java.util.Map<String, String> plain, java.util.Map<String, String> encryptedSecrets) {
        env.clear();
        plain.forEach((n, v) -> env.add(EnvVar.plain(this, n, v)));
        encryptedSecrets.forEach((n, v) -> env.add(EnvVar.secret(this, n, v)));
    }

    public Long getId() { return id; }
    public long getOwnerId() { return ownerId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public EventType getType() { return type; }
    public void setType(EventType type) { this.type = type; }
    public String getContent() { return content; }
    public void setContent(String content) { this.content = content; }
    public HttpCall getHttp() { return http; }
    public void setHttp(HttpCall http) { this.http = http; }
    public EventStatus getStatus() { return status; }
    public void setStatus(EventStatus status) { this.status = status; }
    public int getTimeoutSeconds() { return timeoutSeconds; }
    public void setTimeoutSeconds(int timeoutSeconds) { this.timeoutSeconds = timeoutSeconds; }
    public RunPolicy getRunPolicy() { return runPolicy; }
    public void setRunPolicy(RunPolicy runPolicy) { this.runPolicy = runPolicy; }
    public Integer getMaxExecutions() { return maxExecutions; }
    public void setMaxExecutions(Integer maxExecutions) { this.maxExecutions = maxExecutions; }
    public int getExecutionCount() { return executionCount; }
    public RunLocation getRunLocation() { return runLocation; }
    public void setRunLocation(RunLocation runLocation) { this.runLocation = runLocation; }
    public Isolation getIsolation() { return isolation; }
    public void setIsolation(Isolation isolation) { this.isolation = isolation; }
    public ResourceLimits getLimits() { return limits; }
    public void setLimits(ResourceLimits limits) { this.limits = limits; }
    public JobPriority getPriority() { return priority; }
    public void setPriority(JobPriority priority) { this.priority = priority; }
    public Schedule getSchedule() { return schedule; }
    public void setSchedule(Schedule schedule) { this.schedule = schedule; }
    public List<EnvVar> getEnv() { return env; }
    public List<ConditionalAction> getConditionalActions() { return conditionalActions; }
    public Set<Long> getServerIds() { return serverIds; }
    public Set<String> getServerGroups() { return serverGroups; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
