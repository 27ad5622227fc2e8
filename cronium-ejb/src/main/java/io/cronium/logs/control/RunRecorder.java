package io.cronium.logs.control;

import io.cronium.events.boundary.EventService;
import io.cronium.events.entity.EnvVar;
import io.cronium.execution.ExecutionResult;
import io.cronium.jobs.control.ClaimedJob;
import io.cronium.jobs.control.JobQueue;
import io.cronium.jobs.control.RetrySchedule;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.logs.entity.Execution;
import io.cronium.logs.entity.LogStatus;
import io.cronium.logs.entity.PhaseTimings;
import io.cronium.logs.entity.RunLog;
import io.cronium.platform.ApplicationDatabase;
import io.cronium.security.SecretCipher;
import io.cronium.security.Secrets;
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

    /** A started attempt: its execution record, and the decrypted secret environment for the run only. */
    public record Begun(String executionId, Map<String, String> secretEnv) {
    }

    /**
     * CLAIMED -> RUNNING, a new execution record, and the event's secrets decrypted, in the caller's transaction;
     * empty if the job was cancelled or taken meanwhile, or failed because a secret no longer decrypts (key
     * changed, value tampered with), which fails this run visibly and no other.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<Begun> begin(ClaimedJob job, String executor, boolean sandboxed) {
        Map<String, String> secretEnv;
        try {
            secretEnv = secretEnv(job.eventId());
        } catch (SecretCipher.SecretDecryptionException | IllegalStateException e) {
            // caught here, inside the start transaction, so that one bad secret fails one run, not the batch
            failWithoutExecution(job, e.getMessage());
            return Optional.empty();
        }
        if (!queue.transition(job.jobId(), job.attempt(), JobStatus.CLAIMED, JobStatus.RUNNING)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        em.find(RunLog.class, job.logId()).started(now, job.attempt());
        var execution = new Execution(job.jobId(), job.logId(), job.attempt(), executor, sandboxed, now);
        em.persist(execution);
        announcer.announce(job.logId());
        return Optional.of(new Begun(execution.getId(), secretEnv));
    }

    /** The decrypted secret environment of an event; never stored or logged. */
    private Map<String, String> secretEnv(long eventId) {
        Map<String, String> env = new LinkedHashMap<>();
        em.createQuery("select v from EnvVar v where v.event.id = :event and v.secret = true", EnvVar.class)
                .setParameter("event", eventId)
                .getResultList()
                .forEach(v -> env.put(v.getName(),
                        secrets.decrypt(v.getValueEncrypted(), EventService.envAad(eventId, v.getName()))));
        return env;
    }

    /**
     * Records how an attempt ended, with its last output lines: the job ends, or goes back to the queue for a retry
     * when the event allows one and nobody cancelled it. The job row is locked first, so a cancel or a reaper
     * cannot interleave.
     * @return when the retry is due, if one was scheduled
     */
    public Optional<Instant> finish(ClaimedJob job, String executionId, ExecutionResult result,
                                    RetrySchedule retry, List<RunOutput.Chunk> lastOutput) {
        try (var c = database.dataSource().getConnection()) {
            OutputChunkTable.append(c, lastOutput); // with the result, so a stream sees all output before the end
        } catch (SQLException e) {
            throw new IllegalStateException("storing the output of job " + job.jobId() + " failed", e);
        }
        var locked = queue.lock(job.jobId()).orElse(null);
        if (locked == null || locked.status() != JobStatus.RUNNING || locked.attempt() != job.attempt()) {
            LOG.warning(() -> "job " + job.jobId() + " attempt " + job.attempt()
                    + " is no longer running here (lease lost or cancelled); its result is not recorded");
            return Optional.empty();
        }
        Instant now = Instant.now();
        LogStatus status = switch (result.outcome()) {
            case SUCCEEDED -> LogStatus.SUCCESS;
            case FAILED -> LogStatus.FAILURE;
            case TIMED_OUT -> LogStatus.TIMEOUT;
            case CANCELLED -> LogStatus.CANCELLED;
        };
        String error = errorText(result);
        em.find(Execution.class, executionId)
                .finished(status, result.exitCode(), result.stdout(), error, now, result.timings());
        RunLog log = em.find(RunLog.class, job.logId());
        boolean failed = status == LogStatus.FAILURE || status == LogStatus.TIMEOUT;
        if (failed && !locked.cancelRequested() && retry.allowsRetryAfter(job.attempt())) {
            Duration delay = retry.delayAfter(job.attempt(), ThreadLocalRandom.current());
            queue.requeue(job.jobId(), job.attempt(), JobStatus.RUNNING, delay);
            Instant due = now.plus(delay);
            log.awaitingRetry(result.exitCode(), result.stdout(), error, "attempt " + job.attempt() + " ended "
                    + status + "; attempt " + (job.attempt() + 1) + " of " + (retry.retries() + 1) + " at " + due);
            announcer.announce(job.logId());
            return Optional.of(due);
        }
        JobStatus jobStatus = switch (status) {
            case SUCCESS -> JobStatus.COMPLETED;
            case CANCELLED -> JobStatus.CANCELLED;
            default -> JobStatus.FAILED;
        };
        queue.transition(job.jobId(), job.attempt(), JobStatus.RUNNING, jobStatus);
        log.finished(status, result.exitCode(), result.stdout(), error, now, result.timings());
        announcer.announce(job.logId());
        return Optional.empty();
    }

    /** Adds a line of Cronium's own to an execution's error text (e.g. that its leftover container was removed). */
    public void noteOnExecution(String executionId, String note) {
        try (var c = database.dataSource().getConnection()) {
            LogTable.noteOnExecution(c, executionId, note);
        } catch (SQLException e) {
            throw new IllegalStateException("noting on execution " + executionId + " failed", e);
        }
    }

    /** A job no executor here can run ends FAILED with the reason, instead of waiting forever. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void failWithoutExecution(ClaimedJob job, String reason) {
        if (queue.transition(job.jobId(), job.attempt(), JobStatus.CLAIMED, JobStatus.FAILED)) {
            Instant now = Instant.now();
            RunLog log = em.find(RunLog.class, job.logId());
            log.started(now, job.attempt());
            log.finished(LogStatus.FAILURE, null, "", "[cronium] " + reason, now, new PhaseTimings(0, 0, 0));
            announcer.announce(job.logId());
        }
    }

    /** A scheduled job that started too late for its event's misfire policy: the job is cancelled, the log MISSED. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void missedWithoutExecution(ClaimedJob job, String reason) {
        if (queue.transition(job.jobId(), job.attempt(), JobStatus.CLAIMED, JobStatus.CANCELLED)) {
            try (var c = database.dataSource().getConnection()) {
                LogTable.settle(c, job.logId(), LogStatus.MISSED, reason);
            } catch (SQLException e) {
                throw new IllegalStateException("recording the missed slot of job " + job.jobId() + " failed", e);
            }
        }
    }

    private static String errorText(ExecutionResult result) {
        var error = new StringBuilder(result.stderr() == null ? "" : result.stderr());
        if (result.failureReason() != null) {
            error.append(error.length() == 0 || error.charAt(error.length() - 1) == '\n' ? "" : "\n")
                    .append("[cronium] ").append(result.failureReason()).append('\n');
        }
        return error.toString();
    }
}
