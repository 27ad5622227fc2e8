package io.cronium.jobs.control;

import io.cronium.execution.Executor;
import io.cronium.execution.ExecutorRegistry;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Claims due jobs and starts them (CLAIMED -> RUNNING, execution records) in one transaction: one durable commit
 * for a whole batch before any script runs, instead of one per job for the claim and another for the start.
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

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<StartedRun> claimAndStart(String node, int leaseSeconds, int limit) {
        List<StartedRun> started = new ArrayList<>();
        for (ClaimedJob job : queue.claim(node, leaseSeconds, limit)) {
            JobPayload payload;
            try {
                payload = JobPayload.fromJson(job.payload());
            } catch (RuntimeException e) {
                // one unreadable job must not roll back, and so block, every batch it is part of
                recorder.failWithoutExecution(job, "the job's stored request cannot be read: " + e.getMessage());
                continue;
            }
            long lateSeconds = Duration.between(job.runAt(), Instant.now()).toSeconds();
            if (payload.misfire() == MisfirePolicy.SKIP && lateSeconds > misfireThresholdSeconds) {
                // queued ahead of its slot, then the node stopped: the slot's turn came too late for SKIP
                recorder.missedWithoutExecution(job, "slot missed: its run could start only " + lateSeconds
                        + " s after the slot (misfire policy SKIP)");
                continue;
            }
            if (payload.spec().remote() && payload.spec().servers().isEmpty()) {
                recorder.failWithoutExecution(job, "no server to run on: the event's server groups have no servers");
                continue;
            }
            if (payload.spec().remote()) {
                recorder.begin(job, executors.ssh().name(), true, payload.spec().servers()).ifPresent(begun ->
                        started.add(new StartedRun(job, payload, null, begun.executions(), begun.secretEnv(), begun.context())));
                continue;
            }
            var choice = executors.choose(payload.type(), payload.spec());
            if (choice.executor() == null) {
                recorder.failWithoutExecution(job, choice.refusal());
                continue;
            }
            Executor executor = choice.executor();
            recorder.begin(job, executor.name(), executor.sandboxed(), List.of()).ifPresent(begun ->
                    started.add(new StartedRun(job, payload, executor, begun.executions(), begun.secretEnv(), begun.context())));
        }
        return started;
    }
}
