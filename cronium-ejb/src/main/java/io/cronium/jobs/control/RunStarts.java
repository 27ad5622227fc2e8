package io.cronium.jobs.control;

import io.cronium.execution.Executor;
import io.cronium.execution.ExecutorRegistry;
import io.cronium.jobs.entity.JobStatus;
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
 * Claims due jobs and starts them (RUNNING, execution records), in the transaction that claims them: a batch for
 * free workers, or with a group of workers' hand-overs. Always committed before a script runs; a job whose event may
 * not re-run it after a lost node is only claimed, and started in its own transaction as its script begins.
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

    /**
     * Claims up to {@code limit} due jobs for this node's free workers and the jobs it holds ahead of them, starting
     * those it may ({@link JobTable#CLAIM_TO_START}), in one transaction: committed before any of their scripts runs.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<JobsAhead.JobAhead> claim(String node, int leaseSeconds, int limit) {
        return take(node, leaseSeconds, limit);
    }

    /**
     * Starts a job this node holds claimed ahead (its event may not re-run it, so it is started only as its script
     * begins), if it still holds the claim (it may have been cancelled, or given back and taken by another node).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<StartedRun> start(String node, ClaimedJob job) {
        return queue.holdClaim(job.jobId(), job.attempt(), node) ? startClaimed(job, JobStatus.CLAIMED)
                : Optional.empty();
    }

    /**
     * Records a group of workers' hand-overs in one transaction (a group commit: {@link HandoverGroup}): every ended
     * job's move in one statement and each end's records, then the jobs the workers asked for, claimed and started as
     * {@link #claim} does. Written while the workers run the jobs they hold: none waits for this commit.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<JobsAhead.JobAhead> handOver(String node, int leaseSeconds, List<HandoverGroup.Handover> group) {
        Set<Long> moved = queue.moveAll(node, group.stream()
                .map(h -> JobTable.Move.end(h.ended().jobId(), h.ended().attempt(), h.endsAs())).toList());
        for (HandoverGroup.Handover h : group) {
            recorder.recordSettled(h.ended(), h.ends(), h.payload(), h.lastOutput(), moved.contains(h.ended().jobId()));
        }
        int wanted = group.stream().mapToInt(HandoverGroup.Handover::starts).sum();
        return wanted == 0 ? List.of() : take(node, leaseSeconds, wanted);
    }

    private List<JobsAhead.JobAhead> take(String node, int leaseSeconds, int limit) {
        List<JobsAhead.JobAhead> taken = new ArrayList<>();
        for (JobTable.Claim claim : queue.claimToStart(node, leaseSeconds, limit)) {
            if (!claim.started()) {
                taken.add(new JobsAhead.JobAhead(claim.job(), null));
            } else {
                startClaimed(claim.job(), JobStatus.RUNNING)
                        .ifPresent(run -> taken.add(new JobsAhead.JobAhead(claim.job(), run)));
            }
        }
        return taken;
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
