package io.cronium.workflows.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What one node did in one workflow run, linked to the log of its event's run. */
@Entity
@Table(name = "workflow_execution_steps")
public class WorkflowStep {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workflow_execution_id", nullable = false)
    private long workflowExecutionId;

    @Column(name = "node_key", nullable = false)
    private String nodeKey;

    @Column(name = "log_id")
    private Long logId;

    @Column(nullable = false)
    private String status;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected WorkflowStep() {
    }

    public WorkflowStep(long workflowExecutionId, String nodeKey, String status) {
        this.workflowExecutionId = workflowExecutionId;
        this.nodeKey = nodeKey;
        this.status = status;
    }

    public Long getId() { return id; }
    public long getWorkflowExecutionId() { return workflowExecutionId; }
    public String getNodeKey() { return nodeKey; }
    public Long getLogId() { return logId; }
    public String getStatus() { return status; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
}
