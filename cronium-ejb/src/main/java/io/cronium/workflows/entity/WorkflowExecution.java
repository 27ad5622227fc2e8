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

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected WorkflowExecution() {
    }

    public WorkflowExecution(long workflowId, String status, String trigger, String input) {
        this.workflowId = workflowId;
        this.status = status;
        this.trigger = trigger;
        this.input = input;
    }

    public Long getId() { return id; }
    public long getWorkflowId() { return workflowId; }
    public String getStatus() { return status; }
    public String getTrigger() { return trigger; }
    public String getInput() { return input; }
    public int getSuccessCount() { return successCount; }
    public int getFailureCount() { return failureCount; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public Instant getCreatedAt() { return createdAt; }
}
