package io.cronium.logs.entity;

import io.cronium.common.Jsons;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One attempt of a job on one target (this node or one server), with its exit code and phase timings. */
@Entity
@Table(name = "executions")
@NamedQuery(name = Execution.BY_LOG, query = "select x from Execution x where x.logId = :log order by x.startedAt")
public class Execution {

    public static final String BY_LOG = "Execution.byLog";

    /** What the script handed on with cronium.output(), as JSON text (null: nothing). */
    private String result;

    @Id
    private String id;

    @Column(name = "job_id", nullable = false)
    private long jobId;

    @Column(name = "log_id", nullable = false)
    private long logId;

    @Column(name = "server_id")
    private Long serverId;

    @Column(nullable = false)
    private int attempt;

    @Column(nullable = false)
    private String executor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LogStatus status = LogStatus.RUNNING;

    @Column(name = "exit_code")
    private Integer exitCode;

    private String output;

    private String error;

    private boolean sandboxed;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "setup_ms")
    private Long setupMs;

    @Column(name = "execution_ms")
    private Long executionMs;

    @Column(name = "cleanup_ms")
    private Long cleanupMs;

    @Column(name = "total_ms")
    private Long totalMs;

    /** The steps of the phases as a JSON object of milliseconds, e.g. {"network":0,"image":2,"container":41}. */
    private String phases;

    protected Execution() {
    }

    /** {@code serverId} null: on this node; otherwise one of the executions of a run on several servers. */
    public Execution(long jobId, long logId, int attempt, String executor, boolean sandboxed, Instant startedAt,
                     Long serverId) {
        this.id = "exec_" + jobId + "_" + startedAt.toEpochMilli() + (attempt > 1 ? "_" + attempt : "")
                + (serverId == null ? "" : "_s" + serverId);
        this.serverId = serverId;
        this.jobId = jobId;
        this.logId = logId;
        this.attempt = attempt;
        this.executor = executor;
        this.sandboxed = sandboxed;
        this.startedAt = startedAt;
    }

    public void result(String json) {
        this.result = json;
    }

    public String getResult() { return result; }

    public void finished(LogStatus status, Integer exitCode, String output, String error, Instant at, PhaseTimings t) {
        this.status = status;
        this.exitCode = exitCode;
        this.output = output;
        this.error = error;
        this.finishedAt = at;
        this.setupMs = t.setupMs();
        this.executionMs = t.executionMs();
        this.cleanupMs = t.cleanupMs();
        this.totalMs = t.totalMs();
        if (!t.steps().isEmpty()) {
            var json = Jsons.createObjectBuilder();
            t.steps().forEach(json::add);
            this.phases = json.build().toString();
        }
    }

    public String getId() { return id; }
    public long getJobId() { return jobId; }
    public long getLogId() { return logId; }
    public Long getServerId() { return serverId; }
    public int getAttempt() { return attempt; }
    public String getExecutor() { return executor; }
    public LogStatus getStatus() { return status; }
    public Integer getExitCode() { return exitCode; }
    public String getOutput() { return output; }
    public String getError() { return error; }
    public boolean isSandboxed() { return sandboxed; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public Long getSetupMs() { return setupMs; }
    public Long getExecutionMs() { return executionMs; }
    public Long getCleanupMs() { return cleanupMs; }
    public Long getTotalMs() { return totalMs; }
    public String getPhases() { return phases; }
}
