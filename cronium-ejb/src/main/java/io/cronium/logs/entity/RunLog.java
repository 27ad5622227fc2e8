package io.cronium.logs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The user-facing record of one run of an event (table {@code logs}); it aggregates executions. */
@Entity
@Table(name = "logs")
public class RunLog {

    /** What the script handed on with cronium.output(), as JSON text (null: nothing). */
    private String result;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id")
    private Long eventId;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(name = "workflow_id")
    private Long workflowId;

    @Column(name = "workflow_execution_id")
    private Long workflowExecutionId;

    @Column(name = "triggered_by_log_id")
    private Long triggeredByLogId;

    @Column(name = "job_id")
    private Long jobId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LogStatus status = LogStatus.PENDING;

    @Column(name = "trigger_type", nullable = false)
    private String trigger;

    private String input;

    private String output;

    private String error;

    @Column(name = "exit_code")
    private Integer exitCode;

    @Column(name = "scheduled_for")
    private Instant scheduledFor;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "duration_ms")
    private Long durationMs;

    @Column(name = "setup_ms")
    private Long setupMs;

    @Column(name = "execution_ms")
    private Long executionMs;

    @Column(name = "cleanup_ms")
    private Long cleanupMs;

    @Column(nullable = false)
    private int attempt = 1;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected RunLog() {
    }

    public RunLog(long eventId, long ownerId, String trigger, String input) {
        this.eventId = eventId;
        this.ownerId = ownerId;
        this.trigger = trigger;
        this.input = input;
    }

    /** This run is a step of a workflow run. */
    public void partOf(long workflowId, long workflowExecutionId) {
        this.workflowId = workflowId;
        this.workflowExecutionId = workflowExecutionId;
    }

    /** This run was started by a conditional action of the run {@code logId}. */
    public void triggeredBy(long logId) {
        this.triggeredByLogId = logId;
    }

    /** A line of Cronium's own about this run, after what it says already (an action it started, say). */
    public void note(String line) {
        this.error = (error == null || error.isEmpty() ? "" : error.endsWith("\n") ? error : error + "\n") + line + "\n";
    }

    public void attachJob(long jobId) {
        this.jobId = jobId;
    }

    public void started(Instant at, int attempt) {
        this.status = LogStatus.RUNNING;
        this.startedAt = at;
        this.attempt = attempt;
    }

    public void result(String json) {
        this.result = json;
    }

    public String getResult() { return result; }

    public void finished(LogStatus status, Integer exitCode, String output, String error, Instant at, PhaseTimings timings) {
        this.status = status;
        this.exitCode = exitCode;
        this.output = output;
        this.error = notesOfEarlierAttempts() + (error == null ? "" : error);
        this.finishedAt = at;
        this.durationMs = startedAt == null ? null : at.toEpochMilli() - startedAt.toEpochMilli();
        this.setupMs = timings.setupMs();
        this.executionMs = timings.executionMs();
        this.cleanupMs = timings.cleanupMs();
    }

    /** The attempt that just ended failed; the log waits for the next, and keeps what the failed one printed. */
    public void awaitingRetry(Integer exitCode, String output, String error, String note) {
        this.status = LogStatus.PENDING;
        this.exitCode = exitCode;
        this.output = output;
        this.error = (error == null ? "" : error) + "[cronium] " + note + "\n";
    }

    /** The log aggregates attempts: what Cronium said about earlier ones (retries, a lost node) stays visible. */
    private String notesOfEarlierAttempts() {
        if (error == null) {
            return "";
        }
        var notes = new StringBuilder();
        error.lines().filter(l -> l.startsWith("[cronium] ")).forEach(l -> notes.append(l).append('\n'));
        return notes.toString();
    }

    public Long getId() { return id; }
    public Long getEventId() { return eventId; }
    public long getOwnerId() { return ownerId; }
    public Long getJobId() { return jobId; }
    public Long getWorkflowId() { return workflowId; }
    public Long getWorkflowExecutionId() { return workflowExecutionId; }
    public Long getTriggeredByLogId() { return triggeredByLogId; }
    public LogStatus getStatus() { return status; }
    public String getTrigger() { return trigger; }
    public String getInput() { return input; }
    public String getOutput() { return output; }
    public String getError() { return error; }
    public Integer getExitCode() { return exitCode; }
    public Instant getScheduledFor() { return scheduledFor; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public Long getDurationMs() { return durationMs; }
    public Long getSetupMs() { return setupMs; }
    public Long getExecutionMs() { return executionMs; }
    public Long getCleanupMs() { return cleanupMs; }
    public int getAttempt() { return attempt; }
    public Instant getCreatedAt() { return createdAt; }
}
