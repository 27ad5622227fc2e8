package io.cronium.workflows.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One run of a workflow, with counts of its steps' outcomes. */
@Entity
@Table(name = "workflow_executions")
public class WorkflowExecution {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workflow_id", nullable = false)
    private long workflowId;

    @Column(nullable = false)
    private String status;

    @Column(name = "trigger_type", nullable = false)
    private String trigger;

    private String input;

    @Column(name = "success_count", nullable = false)
    private int successCount;

    @Column(name = "failure_count", nullable = false)
    private int failureCount;

    @Column(name = "skipped_count", nullable = false)
    private int skippedCount;

    @Column(name = "owner_id")
    private Long ownerId;

    /** The workflow as this run started it (WorkflowDefinition JSON). */
    private String definition;

    /** The run's workflow variables, JSON. */
    private String variables;

    private String error;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "duration_ms")
    private Long durationMs;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected WorkflowExecution() {
    }

    public WorkflowExecution(long workflowId, long ownerId, String trigger, String input, String definition,
                             String variables) {
        this.workflowId = workflowId;
        this.ownerId = ownerId;
        this.status = "RUNNING";
        this.trigger = trigger;
        this.input = input;
        this.definition = definition;
        this.variables = variables;
        this.startedAt = Instant.now();
    }

    public void variables(String json) {
        this.variables = json;
    }

    /** The run ended: its status, how its steps ended, and why it failed when it did. */
    public void ended(String status, int succeeded, int failed, int skipped, String error, Instant at) {
        this.status = status;
        this.successCount = succeeded;
        this.failureCount = failed;
        this.skippedCount = skipped;
        this.error = error;
        this.finishedAt = at;
        this.durationMs = java.time.Duration.between(startedAt, at).toMillis();
    }

    /** Counts while it runs. */
    public void counted(int succeeded, int failed, int skipped) {
        this.successCount = succeeded;
        this.failureCount = failed;
        this.skippedCount = skipped;
    }

    public Long getId() { return id; }
    public long getWorkflowId() { return workflowId; }
    public Long getOwnerId() { return ownerId; }
    public String getStatus() { return status; }
    public String getTrigger() { return trigger; }
    public String getInput() { return input; }
    public String getDefinition() { return definition; }
    public String getVariables() { return variables; }
    public String getError() { return error; }
    public int getSuccessCount() { return successCount; }
    public int getFailureCount() { return failureCount; }
    public int getSkippedCount() { return skippedCount; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public Long getDurationMs() { return durationMs; }
    public Instant getCreatedAt() { return createdAt; }
}
