package io.cronium.jobs.control;

import io.cronium.common.Jsons;
import io.cronium.batch.fanout.FanOut;
import io.cronium.events.entity.EventType;
import io.cronium.execution.Cancellation;
import io.cronium.execution.helpers.HelperSession;
import io.cronium.security.TokenService;
import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionRequest;
import io.cronium.execution.ExecutionResult;
import io.cronium.execution.ExecutorRegistry;
import io.cronium.execution.OutputSink;
import io.cronium.execution.OutputChannel;
import io.cronium.execution.SecretMasker;
import io.cronium.logs.control.AttemptOutcome;
import io.cronium.logs.control.OutputFlusher;
import io.cronium.logs.control.RunAggregate;
import io.cronium.logs.control.RunOutput;
import io.cronium.logs.control.RunRecorder;
import io.cronium.logs.entity.PhaseTimings;
import io.cronium.servers.control.HostKeyPins;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs one started job: lets its executor run it outside any transaction (a script may run for hours) while it can
 * be cancelled, then records the result with secrets masked, re-queueing it when a retry is due.
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

    @Inject
    ExecutorRegistry executors;

    @EJB
    HostKeyPins hostKeys;

    @Inject
    FanOut fanOut;

    @Inject
    HelperRuns helperRuns;

    @Inject
    HandoverGroup handovers;

    @Inject
    TokenService tokens;

    /** A run that ended, to be recorded: its executions' ends, secrets masked, and its last output lines. */
    public record Ended(ClaimedJob job, JobPayload payload, List<RunAggregate.End> ends,
                        List<RunOutput.Chunk> lastOutput) {
    }

    /**
     * Runs a started job, unless it was cancelled (or its lease lost) while it waited for this worker: then its
     * script never begins and it ends CANCELLED.
     */
    public Ended execute(RunStarts.StartedRun run) {
        ClaimedJob job = run.job();
        Cancellation cancellation = running.started(job.jobId(), job.attempt());
        if (cancellation.isRequested()) {
            running.ended(job.jobId());
            return new Ended(job, run.payload(), run.executions().stream().map(x -> new RunAggregate.End(
                    x.executionId(), x.server(), notBegun(cancellation.reason()))).toList(), List.of());
        }
        JobPayload payload = run.payload();
        Map<String, String> env = new HashMap<>(payload.env());
        env.putAll(run.secretEnv());
        Map<String, HelperSession> helpers = helpers(run);
        List<String> secrets = new ArrayList<>(run.secretEnv().values());
        secrets.addAll(run.context().variables().secretValues());
        helpers.values().forEach(h -> secrets.add(h.apiToken()));
        var masker = new SecretMasker(secrets);
        List<RunOutput> outputs = new ArrayList<>();
        List<RunAggregate.End> ends;
        try {
            ends = run.remote() ? onServers(run, env, helpers, masker, cancellation, outputs)
                    : List.of(onThisNode(run, env, helpers, masker, cancellation, outputs));
        } finally {
            running.ended(job.jobId());
            helpers.keySet().forEach(helperRuns::ended); // their tokens die with the run
        }
        List<RunOutput.Chunk> lastChunks = new ArrayList<>();
        outputs.forEach(output -> lastChunks.addAll(flusher.detach(output)));
        return new Ended(job, payload, ends, lastChunks);
    }

    /**
     * Records how a run ended. An end whose job status is known at once goes to the hand-over writer with those of
     * the other workers ({@link HandoverGroup}), asking for {@code starts} jobs to be claimed and started for this
     * node; any other is recorded here, under the job's row lock (a retry may follow, or variables are applied).
     * @return done when the end is written and the jobs asked for are held in {@link JobsAhead}
     */
    public CompletableFuture<Void> record(Ended ended, int starts) {
        var settled = AttemptOutcome.settledStatus(ended.job(), ended.ends(), ended.payload());
        if (settled.isPresent()) {
            return handovers.submit(new HandoverGroup.Handover(ended.job(), ended.ends(), ended.payload(),
                    settled.get(), ended.lastOutput(), starts));
        }
        recorder.finish(ended.job(), ended.ends(), ended.payload(), ended.lastOutput()).ifPresent(dispatcher::wakeAt);
        return CompletableFuture.completedFuture(null);
    }

    private RunAggregate.End onThisNode(RunStarts.StartedRun run, Map<String, String> env,
                                        Map<String, HelperSession> allHelpers, SecretMasker masker,
                                        Cancellation cancellation, List<RunOutput> outputs) {
        String executionId = run.executions().get(0).executionId();
        RunOutput output = flusher.open(run.job().logId(), executionId);
        outputs.add(output);
        if (!run.executor().sandboxed()) {
            output.line(OutputChannel.SYSTEM, "[cronium] runs as a local process of the server: not sandboxed");
        }
        ExecutionResult result;
        HelperSession helpers = allHelpers.get(executionId);
        OutputSink sink = masker.masking(output);
        live(executionId, helpers, sink, run);
        try {
            result = run.executor().execute(request(executionId, run.job(), run.payload(), env, helpers),
                    sink, cancellation);
        } catch (RuntimeException e) {
            result = failed("the executor failed: " + e);
        }
        return ended(executionId, null, result, helpers, masker);
    }

    /**
     * One server runs on this thread; several run at once, one partition of a batch step each (docs/BENCHMARKS.md:
     * the step costs ~30 ms, paid only where it buys parallelism), so a slow or unreachable server delays nobody
     * else. With several servers, live lines carry the server's name.
     */
    private List<RunAggregate.End> onServers(RunStarts.StartedRun run, Map<String, String> env,
                                             Map<String, HelperSession> allHelpers, SecretMasker masker,
                                             Cancellation cancellation, List<RunOutput> outputs) {
        boolean several = run.executions().size() > 1;
        List<Supplier<RunAggregate.End>> work = new ArrayList<>();
        for (RunRecorder.StartedExecution x : run.executions()) {
            RunOutput output = flusher.open(run.job().logId(), x.executionId());
            outputs.add(output);
            OutputSink sink = several ? (stream, line) -> output.line(stream, "[" + x.server() + "] " + line) : output;
            work.add(() -> {
                HelperSession helpers = allHelpers.get(x.executionId());
                OutputSink masked = masker.masking(sink);
                live(x.executionId(), helpers, masked, run);
                return ended(x.executionId(), x.server(), onServer(run, x, env, helpers, masked, cancellation),
                        helpers, masker);
            });
        }
        if (work.size() == 1) {
            return List.of(work.get(0).get());
        }
        return fanOut.runAll(work, (i, reason) -> {
            RunRecorder.StartedExecution x = run.executions().get(i);
            return new RunAggregate.End(x.executionId(), x.server(), failed("not run on this server: " + reason));
        });
    }

    private ExecutionResult onServer(RunStarts.StartedRun run, RunRecorder.StartedExecution x, Map<String, String> env,
                                     HelperSession helpers, OutputSink sink, Cancellation cancellation) {
        if (x.target() == null) {
            return failed(x.refusal());
        }
        try {
            return executors.ssh().execute(request(x.executionId(), run.job(), run.payload(), env, helpers),
                    List.of(x.serverId(), x.target()), x.target(), sink, cancellation,
                    key -> hostKeys.pinIfUnpinned(x.serverId(), key));
        } catch (RuntimeException e) {
            return failed("the SSH executor failed: " + e);
        }
    }

    private static ExecutionResult failed(String reason) {
        return new ExecutionResult(ExecutionOutcome.FAILED, null, "", "", reason, new PhaseTimings(0, 0, 0));
    }

    private static ExecutionResult notBegun(String reason) {
        return new ExecutionResult(ExecutionOutcome.CANCELLED, null, "", "", reason + " before it began",
                new PhaseTimings(0, 0, 0));
    }

    private static ExecutionRequest request(String executionId, ClaimedJob job, JobPayload payload, Map<String, String> env,
                                            HelperSession helpers) {
        return new ExecutionRequest(executionId, job.jobId(), job.logId(), job.eventId(), job.attempt(), payload.type(),
                payload.script(), env, Duration.ofSeconds(payload.timeoutSeconds()), payload.input(), payload.spec(), helpers);
    }

    /**
     * Each execution's helpers, with a token for the helper API that expires with the run's timeout (and is refused
     * as soon as the run ends); an HTTP request has none.
     */
    private Map<String, HelperSession> helpers(RunStarts.StartedRun run) {
        Map<String, HelperSession> helpers = new HashMap<>();
        if (run.payload().type() == EventType.HTTP) {
            return helpers;
        }
        Duration lifetime = Duration.ofSeconds(run.payload().timeoutSeconds()).plusMinutes(1);
        WorkflowStepRef step = run.payload().step();
        String event = step == null ? run.context().event() : Jsons.createObjectBuilder(
                Jsons.createReader(new java.io.StringReader(run.context().event())).readObject())
                .add("workflowId", step.workflowId()).add("workflowExecutionId", step.executionId())
                .add("workflowNode", step.node()).build().toString();
        for (RunRecorder.StartedExecution x : run.executions()) {
            helpers.put(x.executionId(), new HelperSession(run.payload().input(), event,
                    run.context().variables().values(), step == null ? Map.of() : step.variables(),
                    tokens.issueHelper(x.executionId(), lifetime).token()));
        }
        return helpers;
    }

    /** The execution's helpers answer API calls while it runs, writing log lines to its (masked) live output. */
    private void live(String executionId, HelperSession helpers, OutputSink output, RunStarts.StartedRun run) {
        if (helpers != null) {
            helperRuns.started(executionId, new HelperRuns.LiveRun(helpers, output, run.context().ownerId()));
        }
    }

    /**
     * The end of one execution: its result and what its script handed back, secrets masked; a helper call Cronium
     * refused (output that is not JSON, say) fails it, saying why.
     */
    private static RunAggregate.End ended(String executionId, String server, ExecutionResult result,
                                          HelperSession helpers, SecretMasker masker) {
        if (helpers == null) {
            return new RunAggregate.End(executionId, server, masked(result, masker));
        }
        var calls = helpers.calls();
        var end = new RunAggregate.End(executionId, server, masked(result, masker),
                calls.output().map(masker::mask).orElse(null), calls.variables());
        return calls.refused().isEmpty() ? end : end.failedBecause(masker.mask(String.join("; ", calls.refused())));
    }

    private static ExecutionResult masked(ExecutionResult r, SecretMasker masker) {
        return new ExecutionResult(r.outcome(), r.exitCode(), masker.mask(r.stdout()), masker.mask(r.stderr()),
                masker.mask(r.failureReason()), r.timings());
    }
}
