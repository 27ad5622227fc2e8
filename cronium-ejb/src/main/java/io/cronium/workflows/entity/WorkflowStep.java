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

    @Column(name = "event_id")
    private Long eventId;

    @Column(name = "log_id")
    private Long logId;

    @Column(name = "job_id")
    private Long jobId;

    @Column(nullable = false)
    private String status;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected WorkflowStep() {
    }

    public WorkflowStep(long workflowExecutionId, String nodeKey, long eventId) {
        this.workflowExecutionId = workflowExecutionId;
        this.nodeKey = nodeKey;
        this.eventId = eventId;
        this.status = "PENDING";
    }

    /** Its event's run was queued. */
    public void queued(long logId, long jobId, Instant at) {
        this.logId = logId;
        this.jobId = jobId;
        this.status = "RUNNING";
        this.startedAt = at;
    }

    /** The plan moved it to {@code status}; an end is stamped once. */
    public void status(String status, Instant at) {
        this.status = status;
        if (!"PENDING".equals(status) && !"RUNNING".equals(status) && finishedAt == null) {
            this.finishedAt = at;
        }
    }

    public Long getId() { return id; }
    public long getWorkflowExecutionId() { return workflowExecutionId; }
    public String getNodeKey() { return nodeKey; }
    public Long getEventId() { return eventId; }
    public Long getLogId() { return logId; }
    public Long getJobId() { return jobId; }
    public String getStatus() { return status; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
}
