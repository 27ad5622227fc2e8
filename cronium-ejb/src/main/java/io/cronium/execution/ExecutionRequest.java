package io.cronium.execution;

import io.cronium.events.entity.EventType;
import io.cronium.execution.helpers.HelperSession;
import java.time.Duration;
import java.util.Map;

/**
 * Everything an executor needs to run one attempt of an event; built from the job, never from live entities.
 * {@code helpers}: the run's cronium helpers (null: a run without them, e.g. an HTTP request).
 */
public record ExecutionRequest(
        String executionId,
        long jobId,
        long logId,
        long eventId,
        int attempt,
        EventType type,
        String script,
        Map<String, String> env,
        Duration timeout,
        String input,
        ExecutionSpec spec,
        HelperSession helpers) {

    public ExecutionRequest {
        env = Map.copyOf(env);
        spec = spec == null ? ExecutionSpec.DEFAULT : spec;
    }

    /** The event's environment plus the run's identity, which scripts use to be idempotent. */
    public Map<String, String> runEnvironment() {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("CRONIUM_RUN_ID", executionId);
        all.put("CRONIUM_ATTEMPT", Integer.toString(attempt));
        all.put("CRONIUM_EVENT_ID", Long.toString(eventId));
        all.put("CRONIUM_LOG_ID", Long.toString(logId));
        return all;
    }
}
