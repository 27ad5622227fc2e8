package io.cronium.web.api;

import io.cronium.common.Jsons;
import io.cronium.logs.boundary.LogDetails;
import io.cronium.logs.entity.Execution;
import io.cronium.logs.entity.RunLog;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A log as the API returns it; in lists without executions, on its own page with them. {@code result}: what the
 * script handed on with cronium.output() (on several servers, by server name).
 */
public record LogView(
        long id,
        Long eventId,
        Long workflowId,
        Long workflowExecutionId,
        Long triggeredByLogId,
        Long jobId,
        String status,
        String trigger,
        String output,
        JsonValue result,
        String error,
        Integer exitCode,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        Long setupMs,
        Long executionMs,
        Long cleanupMs,
        Instant scheduledFor,
        int attempt,
        Instant createdAt,
        List<ExecutionView> executions) {

    public record ExecutionView(String id, Long serverId, int attempt, String executor, boolean sandboxed, String status,
                                Integer exitCode, String output, JsonValue result, String error, Instant startedAt,
                                Instant finishedAt,
                                Long setupMs, Long executionMs, Long cleanupMs, Long totalMs,
                                Map<String, Long> phases) {

        static ExecutionView of(Execution x) {
            return new ExecutionView(x.getId(), x.getServerId(), x.getAttempt(), x.getExecutor(), x.isSandboxed(),
                    x.getStatus().name(), x.getExitCode(), x.getOutput(), json(x.getResult()), x.getError(), x.getStartedAt(),
                    x.getFinishedAt(), x.getSetupMs(), x.getExecutionMs(), x.getCleanupMs(), x.getTotalMs(),
                    phases(x.getPhases()));
        }

        /** The executor's steps in the order they happened (network, image, container, execution, cleanup). */
        private static Map<String, Long> phases(String json) {
            if (json == null) {
                return null;
            }
            Map<String, Long> phases = new LinkedHashMap<>();
            try (var reader = Jsons.createReader(new StringReader(json))) {
                reader.readObject().forEach((k, v) -> phases.put(k, ((JsonNumber) v).longValue()));
            }
            return phases;
        }
    }

    /** What a script handed on with cronium.output(), as the JSON it is (not as a string of JSON). */
    static JsonValue json(String text) {
        if (text == null) {
            return null;
        }
        try (var reader = Jsons.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    public static LogView summary(RunLog l) {
        return of(l, null);
    }

    public static LogView of(LogDetails d) {
        return of(d.log(), d.executions().stream().map(ExecutionView::of).toList());
    }

    private static LogView of(RunLog l, List<ExecutionView> executions) {
        return new LogView(l.getId(), l.getEventId(), l.getWorkflowId(), l.getWorkflowExecutionId(),
                l.getTriggeredByLogId(), l.getJobId(), l.getStatus().name(), l.getTrigger(), l.getOutput(),
                json(l.getResult()), l.getError(), l.getExitCode(), l.getStartedAt(), l.getFinishedAt(), l.getDurationMs(), l.getSetupMs(),
                l.getExecutionMs(), l.getCleanupMs(), l.getScheduledFor(), l.getAttempt(), l.getCreatedAt(), executions);
    }
}
