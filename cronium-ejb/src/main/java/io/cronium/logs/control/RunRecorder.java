package io.cronium.logs.control;

import io.cronium.common.Jsons;
import io.cronium.events.control.EnvVarAad;
import io.cronium.events.entity.EnvVar;
import io.cronium.events.entity.Event;
import io.cronium.variables.control.VariableStore;
import io.cronium.execution.ExecutionResult;
import io.cronium.execution.ssh.SshTarget;
import io.cronium.jobs.control.ClaimedJob;
import io.cronium.jobs.control.JobQueue;
import io.cronium.jobs.control.JobPayload;
import io.cronium.jobs.control.RetrySchedule;
import io.cronium.jobs.control.WorkflowStepRef;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.logs.entity.Execution;
import io.cronium.logs.entity.LogStatus;
import io.cronium.logs.entity.PhaseTimings;
import io.cronium.logs.entity.RunLog;
import io.cronium.platform.ApplicationDatabase;
import io.cronium.security.SecretCipher;
import io.cronium.security.Secrets;
import io.cronium.servers.boundary.ServerCredentials;
import io.cronium.servers.entity.Server;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Writes what a running job does into its job, log and execution rows, each step in a short transaction of its
 * own so the long-running script itself holds no transaction and no lock.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RunRecorder {

    private static final Logger LOG = Logger.getLogger(RunRecorder.class.getName());

    @PersistenceContext
    EntityManager em;

    @EJB
    JobQueue queue;

    @Inject
    Secrets secrets;

    @Inject
    ApplicationDatabase database;

    @Inject
    RunAnnouncer announcer;

    @Inject
    jakarta.enterprise.event.Event<RunEnded> ended;

    @EJB
    VariableStore variables;

    /**
     * One execution of a started attempt: on this node ({@code serverId} null), or on a server, with its decrypted
     * login, or with why it cannot run there (the server was deleted since the event was saved).
     */
    public record StartedExecution(String executionId, Long serverId, String server, SshTarget target,
                                   String refusal) {
    }

    /**
     * A started attempt: its execution records, the decrypted secret environment for the run only, and what the
     * script's helpers see (the event's metadata, the owner's variables).
     */
    public record Begun(List<StartedExecution> executions, Map<String, String> secretEnv, RunContext context) {
    }

    /** What a run's helpers see: the event's metadata as JSON, and the owner's variables, decrypted. */
    public record RunContext(long ownerId, String event, VariableStore.Snapshot variables) {
    }

    /**
     * CLAIMED -> RUNNING (unless the caller moved it already: {@code current} RUNNING), an execution record per
     * target (this node, or each server), and the event's secrets decrypted, in the caller's transaction; empty if
     * the job was cancelled or taken meanwhile, or failed because a secret no longer decrypts (key changed, value
     * tampered with), which fails this run visibly and no other.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<Begun> begin(ClaimedJob job, JobStatus current, String executor, boolean sandboxed,
                                 List<Long> servers) {
        Map<String, String> secretEnv;
        List<Server> targets;
        RunContext context;
        try {
            secretEnv = secretEnv(job.eventId());
            targets = servers.stream().map(id -> em.find(Server.class, id)).toList();
            context = context(job);
        } catch (SecretCipher.SecretDecryptionException | IllegalStateException e) {
            // caught here, inside the start transaction, so that one bad secret fails one run, not the batch
            failWithoutExecution(job, current, e.getMessage());
            return Optional.empty();
        }
        if (current == JobStatus.CLAIMED
                && !queue.transition(job.jobId(), job.attempt(), JobStatus.CLAIMED, JobStatus.RUNNING)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        em.find(RunLog.class, job.logId()).started(now, job.attempt());
        List<StartedExecution> executions = new ArrayList<>();
        if (servers.isEmpty()) {
            var execution = new Execution(job.jobId(), job.logId(), job.attempt(), executor, sandboxed, now, null);
            em.persist(execution);
            executions.add(new StartedExecution(execution.getId(), null, null, null, null));
        }
        for (int i = 0; i < servers.size(); i++) {
            Long serverId = servers.get(i);
            Server server = targets.get(i);
            var execution = new Execution(job.jobId(), job.logId(), job.attempt(), executor, sandboxed, now, serverId);
            em.persist(execution);
            if (server == null || server.getDeletedAt() != null) {
                executions.add(new StartedExecution(execution.getId(), serverId, "server " + serverId, null,
                        "server " + serverId + " was deleted"));
                continue;
            }
            try {
                executions.add(new StartedExecution(execution.getId(), serverId, server.getName(),
                        ServerCredentials.target(server, secrets), null));
            } catch (SecretCipher.SecretDecryptionException e) {
                executions.add(new StartedExecution(execution.getId(), serverId, server.getName(), null,
                        "the credentials of " + server.getName() + " cannot be decrypted: " + e.getMessage()));
            }
        }
        announcer.announce(job.logId());
        return Optional.of(new Begun(executions, secretEnv, context));
    }

    private RunContext context(ClaimedJob job) {
        RunLog log = em.find(RunLog.class, job.logId());
        Event event = em.find(Event.class, job.eventId());
        var json = Jsons.createObjectBuilder().add("id", job.eventId()).add("logId", job.logId())
                .add("jobId", job.jobId()).add("attempt", job.attempt()).add("trigger", log.getTrigger());
        if (event != null) {
            json.add("name", event.getName()).add("type", event.getType().name());
        }
        return new RunContext(log.getOwnerId(), json.build().toString(), variables.snapshot(log.getOwnerId()));
    }

    /** The decrypted secret environment of an event; never stored or logged. */
    private Map<String, String> secretEnv(long eventId) {
        Map<String, String> env = new LinkedHashMap<>();
        em.createQuery("select v from EnvVar v where v.event.id = :event and v.secret = true", EnvVar.class)
                .setParameter("event", eventId)
                .getResultList()
                .forEach(v -> env.put(v.getName(),
                        secrets.decrypt(v.getValueEncrypted(), EnvVarAad.of(eventId, v.getName()))));
        return env;
    }

    /**
     * Records how an attempt ended on each of its targets, with the last output lines: the job ends, or goes back
     * to the queue for a retry (on every target) when the event allows one and nobody cancelled it. The job row is
     * locked first, so a cancel or a reaper cannot interleave.
     * @return when the retry is due, if one was scheduled
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED) // its own: from a worker, or the hand-over writer's
    public Optional<Instant> finish(ClaimedJob job, List<RunAggregate.End> ends, JobPayload payload,
                                    List<RunOutput.Chunk> lastOutput) {
        RetrySchedule retry = payload.retry();
        appendOutput(job, lastOutput);
        var locked = queue.lock(job.jobId()).orElse(null);
        if (locked == null || locked.status() != JobStatus.RUNNING || locked.attempt() != job.attempt()) {
            warnNotRecorded(job);
            return Optional.empty();
        }
        Instant now = Instant.now();
        RunLog log = em.find(RunLog.class, job.logId());
        WorkflowStepRef step = payload.step();
        Map<String, String> stepVariables = new LinkedHashMap<>();
        List<RunAggregate.End> applied = new ArrayList<>();
        for (RunAggregate.End end : ends) {
            if (step != null) {
                stepVariables.putAll(step.ownChanges(end.variables()));
                end = end.withoutVariables(stepVariables.keySet());
            }
            applied.add(withVariablesApplied(log.getOwnerId(), end));
        }
        var run = RunAggregate.of(applied);
        LogStatus status = run.status();
        if (AttemptOutcome.retryable(status) && !locked.cancelRequested() && retry.allowsRetryAfter(job.attempt())) {
            recordExecutions(log, applied, now);
            Duration delay = retry.delayAfter(job.attempt(), ThreadLocalRandom.current());
            queue.requeue(job.jobId(), job.attempt(), JobStatus.RUNNING, delay);
            Instant due = now.plus(delay);
            log.awaitingRetry(run.exitCode(), run.output(), run.error(), "attempt " + job.attempt() + " ended "
                    + status + "; attempt " + (job.attempt() + 1) + " of " + (retry.retries() + 1) + " at " + due);
            announcer.announce(job.logId());
            return Optional.of(due);
        }
        queue.transition(job.jobId(), job.attempt(), JobStatus.RUNNING, AttemptOutcome.jobStatus(status));
        recordEnd(log, applied, run, payload, stepVariables, now);
        return Optional.empty();
    }

    /**
     * Records an end whose job status {@link AttemptOutcome#settledStatus} knew, after the caller moved the job (with
     * others, in this transaction): {@code moved} false when the move found the attempt no longer running here.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void recordSettled(ClaimedJob job, List<RunAggregate.End> ends, JobPayload payload,
                              List<RunOutput.Chunk> lastOutput, boolean moved) {
        appendOutput(job, lastOutput);
        if (!moved) {
            warnNotRecorded(job);
            return;
        }
        recordEnd(em.find(RunLog.class, job.logId()), ends, RunAggregate.of(ends), payload, Map.of(), Instant.now());
    }

    private void appendOutput(ClaimedJob job, List<RunOutput.Chunk> lastOutput) {
        if (lastOutput.isEmpty()) {
            return;
        }
        try (var c = database.dataSource().getConnection()) {
            OutputChunkTable.append(c, lastOutput); // with the result, so a stream sees all output before the end
        } catch (SQLException e) {
            throw new IllegalStateException("storing the output of job " + job.jobId() + " failed", e);
        }
    }

    private static void warnNotRecorded(ClaimedJob job) {
        LOG.warning(() -> "job " + job.jobId() + " attempt " + job.attempt()
                + " is no longer running here (lease lost or cancelled); its result is not recorded");
    }

    private void recordExecutions(RunLog log, List<RunAggregate.End> ends, Instant now) {
        for (RunAggregate.End end : ends) {
            ExecutionResult r = end.result();
            Execution execution = em.find(Execution.class, end.executionId());
            execution.finished(RunAggregate.status(r), r.exitCode(), r.stdout(), RunAggregate.errorText(r), now, r.timings());
            execution.result(end.output());
        }
        log.result(RunAggregate.result(ends));
    }

    /** The attempt's executions and its log end; a workflow step or an event with actions decides what follows. */
    private void recordEnd(RunLog log, List<RunAggregate.End> ends, RunAggregate run, JobPayload payload,
                           Map<String, String> stepVariables, Instant now) {
        recordExecutions(log, ends, now);
        log.finished(run.status(), run.exitCode(), run.output(), run.error(), now, run.timings());
        announcer.announce(log.getId());
        if (payload.step() != null || !payload.actions().isEmpty()) {
            ended.fire(new RunEnded(log.getId(), stepVariables, payload.actions()));
        }
    }

    /**
     * The script's setVariable calls take effect when its attempt ends, whatever its outcome (they were made);
     * a refused one fails the run, saying why.
     */
    private RunAggregate.End withVariablesApplied(long ownerId, RunAggregate.End end) {
        if (end.variables().isEmpty()) {
            return end;
        }
        List<String> refused = variables.apply(ownerId, end.variables());
        return refused.isEmpty() ? end : end.failedBecause(String.join("; ", refused));
    }

    /** Adds a line of Cronium's own to an execution's error text (e.g. that its leftover container was removed). */
    public void noteOnExecution(String executionId, String note) {
        try (var c = database.dataSource().getConnection()) {
            LogTable.noteOnExecution(c, executionId, note);
        } catch (SQLException e) {
            throw new IllegalStateException("noting on execution " + executionId + " failed", e);
        }
    }

    /** A workflow step's end decides the workflow's next steps, in this transaction. */
    private void endedIfStep(RunLog log) {
        if (log.getWorkflowExecutionId() != null) {
            ended.fire(RunEnded.notRun(log.getId()));
        }
    }

    /**
     * A job no executor here can run ends FAILED with the reason, instead of waiting forever; {@code current}: where
     * the caller holds it (CLAIMED, or RUNNING when the claim started it).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void failWithoutExecution(ClaimedJob job, JobStatus current, String reason) {
        if (queue.transition(job.jobId(), job.attempt(), current, JobStatus.FAILED)) {
            Instant now = Instant.now();
            RunLog log = em.find(RunLog.class, job.logId());
            log.started(now, job.attempt());
            log.finished(LogStatus.FAILURE, null, "", "[cronium] " + reason, now, new PhaseTimings(0, 0, 0));
            announcer.announce(job.logId());
            endedIfStep(log);
        }
    }

    /** A scheduled job that started too late for its event's misfire policy: the job is cancelled, the log MISSED. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void missedWithoutExecution(ClaimedJob job, JobStatus current, String reason) {
        if (queue.transition(job.jobId(), job.attempt(), current, JobStatus.CANCELLED)) {
            try (var c = database.dataSource().getConnection()) {
                LogTable.settle(c, job.logId(), LogStatus.MISSED, reason);
            } catch (SQLException e) {
                throw new IllegalStateException("recording the missed slot of job " + job.jobId() + " failed", e);
            }
            ended.fire(RunEnded.notRun(job.logId()));
        }
    }
}
