package io.cronium.events.boundary;

import java.util.List;
import java.util.Map;

/**
 * An event as a client submits it (API body or console form). Enumerations stay strings here so that an unknown
 * value is reported as a field error with the allowed values, not as unreadable JSON.
 */
public record EventDraft(
        String name,
        String description,
        String type,
        String content,
        HttpSpec http,
        ScheduleSpec schedule,
        String status,
        Integer timeoutSeconds,
        Integer retries,
        Integer maxExecutions,
        String runLocation,
        List<Long> serverIds,
        Map<String, String> env,
        List<String> secretEnv,
        String priority,
        Integer retryDelaySeconds,
        Integer retryMaxDelaySeconds,
        String recoveryPolicy,
        String concurrencyPolicy,
        String isolation,
        LimitsSpec limits,
        List<String> serverGroups,
        List<ActionSpec> actions) {

    /**
     * A conditional action: when the run ends {@code on} SUCCESS, FAILURE, ALWAYS or CONDITION ({@code condition}
     * holds), the event {@code eventId} runs with this run's result as its input.
     */
    public record ActionSpec(String on, String condition, Long eventId) {
    }

    /** An HTTP event's request; {@code successStatuses} like "2xx" or "200-299,304" (default 2xx). */
    public record HttpSpec(String method, String url, Map<String, String> headers, String body,
                           Boolean followRedirects, String successStatuses) {
    }

    /** A container's limits; absent fields keep the safe defaults. */
    public record LimitsSpec(Double cpus, Integer memoryMb, Integer pids, Integer workDirMb, String network) {
    }

    public record ScheduleSpec(String cron, Long intervalSeconds, String timezone, String misfirePolicy) {
    }
}
