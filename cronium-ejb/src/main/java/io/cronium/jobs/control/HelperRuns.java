package io.cronium.jobs.control;

import io.cronium.execution.OutputSink;
import io.cronium.execution.helpers.HelperSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executions running on this node whose scripts may call the helper API, by execution id: a helper token is
 * honoured only while its run is here, so it dies with the run (also before its expiry).
 */
@ApplicationScoped
public class HelperRuns {

    /** What the helper API needs of a running execution: its helpers, its live output (masked), its owner. */
    public record LiveRun(HelperSession helpers, OutputSink output, long ownerId) {
    }

    private final Map<String, LiveRun> running = new ConcurrentHashMap<>();

    public void started(String executionId, LiveRun run) {
        running.put(executionId, run);
    }

    public void ended(String executionId) {
        running.remove(executionId);
    }

    public Optional<LiveRun> find(String executionId) {
        return Optional.ofNullable(running.get(executionId));
    }
}
