package io.cronium.jobs.control;

import io.cronium.execution.Executor;
import io.cronium.execution.ExecutorRegistry;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.logs.control.RunAggregate;
import io.cronium.logs.control.RunOutput;
import io.cronium.logs.control.RunRecorder;
import io.cronium.scheduling.boundary.SchedulerPass;
import io.cronium.scheduling.entity.MisfirePolicy;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Claims due jobs (one transaction for a batch, kept ahead of the workers) and starts each claimed job when a worker
 * takes it (CLAIMED -> RUNNING, execution records, in its own transaction, committed before its script runs).
 */
@Stateless
public class RunStarts {

    /**
     * A job that is RUNNING in the database and ready: for this node's {@code executor}, or (executor null) for
     * the SSH executor on each server of its executions.
     */
    public record StartedRun(ClaimedJob job, JobPayload payload, Executor executor,
                             List<RunRecorder.StartedExecution> executions, Map<String, String> secretEnv,
                             RunRecorder.RunContext context) {

        public boolean remote() {
            return executor == null;
        }
    }

    @EJB
    JobQueue queue;

    @EJB
    RunRecorder recorder;

    @Inject
    ExecutorRegistry executors;

    @Inject
    @ConfigProperty(name = SchedulerPass.MISFIRE_THRESHOLD, defaultValue = SchedulerPass.MISFIRE_THRESHOLD_DEFAULT)
    long misfireThresholdSeconds;

    /** What one claim gave: the runs started at once (for free workers) and the jobs kept claimed ahead. */
    public record Claimed(List<StartedRun> started, List<ClaimedJob> ahead) {
    }

    /**
     * Claims up to {@code limit} due jobs and starts the first {@code startNow} of them in the same transaction (one
     * commit before their scripts run, so an idle node starts a new job as fast as before claiming ahead); the others
     * stay CLAIMED for workers that free up later. Only jobs of priority rank {@code minPriority} or more are claimed.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Claimed claim(String node, int leaseSeconds, int limit, int startNow, int minPriority) {
        List<ClaimedJob> claimed = queue.claim(node, leaseSeconds, limit, minPriority);
        List<StartedRun> started = new ArrayList<>();
        for (ClaimedJob job : claimed.subList(0, Math.min(startNow, claimed.size()))) {
            startClaimed(job, JobStatus.CLAIMED).ifPresent(started::add);
        }
        return new Claimed(started, claimed.subList(Math.min(startNow, claimed.size()), claimed.size()));
    }

    /**
     * Starts a job this node claimed ahead, if it still holds the claim (it may have been cancelled, or given back and
     * taken by another node).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<StartedRun> start(String node, ClaimedJob job) {
        return queue.holdClaim(job.jobId(), job.attempt(), node) ? startClaimed(job, JobStatus.CLAIMED)
                : Optional.empty();
    }

    /** What a worker's hand-over gave: the retry of the job that ended, if one is due, and the next job started. */
    public record Handover(Optional<Instant> retryAt, Optional<StartedRun> next) {
    }

    /**
     * Records how a worker's job ended and starts the job it takes next (claimed ahead by this node) in one
     * transaction: one commit between two runs instead of two (docs/BENCHMARKS.md).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Handover finishAndStart(ClaimedJob ended, List<RunAggregate.End> ends, JobPayload payload,
                                   List<RunOutput.Chunk> lastOutput, String node, ClaimedJob next) {
        Optional<Instant> retryAt = recorder.finish(ended, ends, payload, lastOutput);
        return new Handover(retryAt, queue.holdClaim(next.jobId(), next.attempt(), node)
                ? startClaimed(next, JobStatus.CLAIMED) : Optional.empty());
    }

    /**
     * Records a group of workers' hand-overs in one transaction (a group commit: {@link HandoverGroup}): every
     * job's move, the ends and the next starts, in one statement, then each end's and start's records.
     * @return for each hand-over, in order, the next run started, if one did
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Optional<StartedRun>> handOver(String node, List<HandoverGroup.Handover> group) {
        List<JobTable.Move> moves = new ArrayList<>();
        for (HandoverGroup.Handover h : group) {
            moves.add(JobTable.Move.end(h.ended().jobId(), h.ended().attempt(), h.endsAs()));
            if (h.next() != null) {
                moves.add(JobTable.Move.start(h.next().jobId(), h.next().attempt()));
            }
        }
        Set<Long> moved = queue.moveAll(node, moves);
        List<Optional<StartedRun>> started = new ArrayList<>();
        for (HandoverGroup.Handover h : group) {
            recorder.recordSettled(h.ended(), h.ends(), h.payload(), h.lastOutput(), moved.contains(h.ended().jobId()));
            started.add(h.next() != null && moved.contains(h.next().jobId())
                    ? startClaimed(h.next(), JobStatus.RUNNING) : Optional.empty());
        }
        return started;
    }

    /**
     * Starts a claimed job with its execution records (CLAIMED -> RUNNING here, unless {@code current} says the
     * caller moved it already); a job that cannot start here fails alone, with the reason.
     */
    private Optional<StartedRun> startClaimed(ClaimedJob job, JobStatus current) {
        JobPayload payload;
        try {
            payload = JobPayload.fromJson(job.payload());
        } catch (RuntimeException e) {
            recorder.failWithoutExecution(job, current, "the job's stored request cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        long lateSeconds = Duration.between(job.runAt(), Instant.now()).toSeconds();
        if (payload.misfire() == MisfirePolicy.SKIP && lateSeconds > misfireThresholdSeconds) {
            // queued ahead of its slot, then the node stopped: the slot's turn came too late for SKIP
            recorder.missedWithoutExecution(job, current, "slot missed: its run could start only " + lateSeconds
                    + " s after the slot (misfire policy SKIP)");
            return Optional.empty();
        }
        if (payload.spec().remote() && payload.spec().servers().isEmpty()) {
            recorder.failWithoutExecution(job, current, "no server to run on: the event's server groups have no servers");
            return Optional.empty();
        }
        if (payload.spec().remote()) {
            return recorder.begin(job, current, executors.ssh().name(), true, payload.spec().servers()).map(begun ->
                    new StartedRun(job, payload, null, begun.executions(), begun.secretEnv(), begun.context()));
        }
        var choice = executors.choose(payload.type(), payload.spec());
        if (choice.executor() == null) {
            recorder.failWithoutExecution(job, current, choice.refusal());
            return Optional.empty();
        }
        Executor executor = choice.executor();
        return recorder.begin(job, current, executor.name(), executor.sandboxed(), List.of()).map(begun ->
                new StartedRun(job, payload, executor, begun.executions(), begun.secretEnv(), begun.context()));
    }
}
