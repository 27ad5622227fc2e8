package io.cronium.jobs.control;

import io.cronium.execution.Cancellation;
import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionRequest;
import io.cronium.execution.ExecutionResult;
import io.cronium.execution.OutputChannel;
import io.cronium.execution.SecretMasker;
import io.cronium.logs.control.OutputFlusher;
import io.cronium.logs.control.RunOutput;
import io.cronium.logs.control.RunRecorder;
import io.cronium.logs.entity.PhaseTimings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one started job: lets its executor run it outside any transaction (a script may run for hours) while it can
 * be cancelled, and records the result with secrets masked, re-queueing it when a retry is due.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRunner {

    @EJB
    RunRecorder recorder;

    @Inject
    RunningJobs running;

    @EJB
    JobDispatcher dispatcher;

    @EJB
    OutputFlusher flusher;

    public void run(RunStarts.StartedRun run) {
        ClaimedJob job = run.job();
        JobPayload payload = run.payload();
        Map<String, String> env = new HashMap<>(payload.env());
        env.putAll(run.secretEnv());
        var masker = new SecretMasker(run.secretEnv().values());
        Cancellation cancellation = running.started(job.jobId(), job.attempt());
        RunOutput output = flusher.open(job.logId(), run.executionId());
        if (!run.executor().sandboxed()) {
            output.line(OutputChannel.SYSTEM, "[cronium] runs as a local process of the server: not sandboxed");
        }
        ExecutionResult result;
        try {
            result = run.executor().execute(request(run.executionId(), job, payload, env), masker.masking(output),
                    cancellation);
        } catch (RuntimeException e) {
            result = new ExecutionResult(ExecutionOutcome.FAILED, null, "", "", "the executor failed: " + e,
                    new PhaseTimings(0, 0, 0));
        } finally {
            running.ended(job.jobId());
        }
        recorder.finish(job, run.executionId(), masked(result, masker), payload.retry(), flusher.detach(output))
                .ifPresent(dispatcher::wakeAt);
    }

    private static ExecutionRequest request(String executionId, ClaimedJob job, JobPayload payload, Map<String, String> env) {
        return new ExecutionRequest(executionId, job.jobId(), job.logId(), job.eventId(), job.attempt(), payload.type(),
                payload.script(), env, Duration.ofSeconds(payload.timeoutSeconds()), payload.input(), payload.spec());
    }

    private static ExecutionResult masked(ExecutionResult r, SecretMasker masker) {
        return new ExecutionResult(r.outcome(), r.exitCode(), masker.mask(r.stdout()), masker.mask(r.stderr()),
                masker.mask(r.failureReason()), r.timings());
    }
}
