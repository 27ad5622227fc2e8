package io.cronium.jobs.control;

import io.cronium.execution.Cancellation;
import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionRequest;
import io.cronium.execution.ExecutionResult;
import io.cronium.execution.Executor;
import io.cronium.execution.ExecutorRegistry;
import io.cronium.execution.OutputChannel;
import io.cronium.execution.SecretMasker;
import io.cronium.logs.control.OutputFlusher;
import io.cronium.logs.control.RunOutput;
import io.cronium.logs.control.RunRecorder;
import io.cronium.logs.entity.PhaseTimings;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Runs one claimed job: records the start, lets an executor run it outside any transaction (a script may run for
 * hours) while it can be cancelled, and records the result with secrets masked, re-queueing it when a retry is due.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());

    @EJB
    RunRecorder recorder;

    @Inject
    ExecutorRegistry executors;

    @Inject
    RunningJobs running;

    @EJB
    JobDispatcher dispatcher;

    @EJB
    OutputFlusher flusher;

    public void run(ClaimedJob job) {
        JobPayload payload = JobPayload.fromJson(job.payload());
        Map<String, String> secretEnv;
        try {
            secretEnv = recorder.secretEnv(job.eventId());
        } catch (EJBException | IllegalStateException e) {
            // A secret that no longer decrypts (key changed, value tampered with) fails the run, visibly.
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            recorder.failWithoutExecution(job, cause.getMessage());
            return;
        }
        Map<String, String> env = new HashMap<>(payload.env());
        env.putAll(secretEnv);
        var masker = new SecretMasker(secretEnv.values());
        var probe = request("pending", job, payload, env);
        Executor executor = executors.forRequest(probe).orElse(null);
        if (executor == null) {
            recorder.failWithoutExecution(job, "no executor on this node can run " + payload.type() + " events");
            return;
        }
        var executionId = recorder.begin(job, executor.name(), executor.sandboxed());
        if (executionId.isEmpty()) {
            LOG.info(() -> "job " + job.jobId() + " was changed by someone else before it started; not running it");
            return;
        }
        ExecutionResult result;
        Cancellation cancellation = running.started(job.jobId(), job.attempt());
        RunOutput output = flusher.open(job.logId(), executionId.get());
        if (!executor.sandboxed()) {
            output.line(OutputChannel.SYSTEM, "[cronium] runs as a local process of the server: not sandboxed");
        }
        try {
            result = executor.execute(request(executionId.get(), job, payload, env), masker.masking(output),
                    cancellation);
        } catch (RuntimeException e) {
            result = new ExecutionResult(ExecutionOutcome.FAILED, null, "", "", "the executor failed: " + e,
                    new PhaseTimings(0, 0, 0));
        } finally {
            running.ended(job.jobId());
            flusher.close(output);
        }
        recorder.finish(job, executionId.get(), masked(result, masker), payload.retry()).ifPresent(dispatcher::wakeAt);
    }

    private static ExecutionRequest request(String executionId, ClaimedJob job, JobPayload payload, Map<String, String> env) {
        return new ExecutionRequest(executionId, job.jobId(), job.logId(), job.eventId(), job.attempt(), payload.type(),
                payload.script(), env, Duration.ofSeconds(payload.timeoutSeconds()), payload.input());
    }

    private static ExecutionResult masked(ExecutionResult r, SecretMasker masker) {
        return new ExecutionResult(r.outcome(), r.exitCode(), masker.mask(r.stdout()), masker.mask(r.stderr()),
                masker.mask(r.failureReason()), r.timings());
    }
}
