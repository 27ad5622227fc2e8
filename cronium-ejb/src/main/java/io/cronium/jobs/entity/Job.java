package io.cronium.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A queued request to run an event once. Status changes are made by conditional SQL in JobQueue, not setters. */
@Entity
@Table(name = "jobs")
public class Job {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id")
    private Long eventId;

    @Column(name = "log_id", nullable = false)
    private long logId;

    @Column(name = "workflow_execution_id")
    private Long workflowExecutionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobStatus status = JobStatus.QUEUED;

    @Column(nullable = false)
    private int priority;

    private String payload;

    @Column(name = "run_at", nullable = false)
    private Instant runAt = Instant.now();

    @Column(nullable = false)
    private int attempt = 1;

    @Column(name = "claimed_by")
    private String claimedBy;

    @Column(name = "claimed_at")
    private Instant claimedAt;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ConcurrencyPolicy concurrency = ConcurrencyPolicy.ALLOW;

    /** Read by the claim: a job that may be re-run is started as it is claimed (docs/architecture.md). */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RecoveryPolicy recovery = RecoveryPolicy.RERUN;

    @Column(name = "cancel_requested", nullable = false)
    private boolean cancelRequested;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Job() {
    }

    public Job(long eventId, long logId, JobPriority priority, RunPolicy policy, String payload) {
        this.eventId = eventId;
        this.logId = logId;
        this.priority = priority.rank();
        this.concurrency = policy.concurrency();
        this.recovery = policy.recovery();
        this.payload = payload;
    }

    /** This job runs a step of a workflow run. */
    public void partOf(long workflowExecutionId) {
        this.workflowExecutionId = workflowExecutionId;
    }

    public Long getId() { return id; }
    public Long getWorkflowExecutionId() { return workflowExecutionId; }
    public Long getEventId() { return eventId; }
    public long getLogId() { return logId; }
    public JobStatus getStatus() { return status; }
    public JobPriority getPriority() { return JobPriority.ofRank(priority); }
    public String getPayload() { return payload; }
    public Instant getRunAt() { return runAt; }
    public int getAttempt() { return attempt; }
    public String getClaimedBy() { return claimedBy; }
    public Instant getClaimedAt() { return claimedAt; }
    public Instant getLeaseUntil() { return leaseUntil; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public ConcurrencyPolicy getConcurrency() { return concurrency; }
    public RecoveryPolicy getRecovery() { return recovery; }
    public boolean isCancelRequested() { return cancelRequested; }
    public Instant getCreatedAt() { return createdAt; }
}
