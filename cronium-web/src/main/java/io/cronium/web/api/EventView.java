package io.cronium.web.api;

import io.cronium.events.entity.EnvVar;
import io.cronium.events.entity.Event;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An event as the API returns it; secret environment values are named in secretEnv, never shown. */
public record EventView(
        long id,
        String name,
        String description,
        String type,
        String content,
        Http http,
        Schedule schedule,
        String status,
        int timeoutSeconds,
        int retries,
        int retryDelaySeconds,
        int retryMaxDelaySeconds,
        String recoveryPolicy,
        String concurrencyPolicy,
        Integer maxExecutions,
        int executionCount,
        String runLocation,
        String isolation,
        Limits limits,
        List<Long> serverIds,
        List<String> serverGroups,
        Map<String, String> env,
        List<String> secretEnv,
        String priority,
        List<Action> actions,
        Instant createdAt,
        Instant updatedAt) {

    /** A conditional action, in the shape it is submitted. */
    public record Action(String on, String condition, Long eventId) {
    }

    public record Http(String method, String url, Map<String, String> headers, String body, boolean followRedirects,
                       String successStatuses) {
    }

    public record Limits(double cpus, int memoryMb, int pids, int workDirMb, String network) {
    }

    public record Schedule(String cron, Long intervalSeconds, String timezone, String misfirePolicy) {
    }

    public static EventView of(Event e) {
        Map<String, String> env = new LinkedHashMap<>();
        e.getEnv().stream().filter(v -> !v.isSecret()).forEach(v -> env.put(v.getName(), v.getValue()));
        List<String> secretNames = e.getEnv().stream().filter(EnvVar::isSecret).map(EnvVar::getName).toList();
        var s = e.getSchedule();
        var policy = e.getRunPolicy();
        Schedule schedule = s.isManualOnly() ? null
                : new Schedule(s.cron(), s.intervalSeconds(), s.timezone(), s.misfirePolicy().name());
        var call = e.getHttp();
        Http http = call == null || !call.isDefined() ? null : new Http(call.method(), call.url(), call.headers(),
                call.body(), call.followRedirects(), call.successStatuses());
        var l = e.getLimits();
        var limits = new Limits(l.cpus(), l.memoryMb(), l.pids(), l.workDirMb(), l.network().name());
        return new EventView(e.getId(), e.getName(), e.getDescription(), e.getType().name(), e.getContent(), http,
                schedule, e.getStatus().name(), e.getTimeoutSeconds(), policy.retries(), policy.retryDelaySeconds(),
                policy.retryMaxDelaySeconds(), policy.recovery().name(), policy.concurrency().name(), e.getMaxExecutions(),
                e.getExecutionCount(), e.getRunLocation().name(), e.getIsolation().name(), limits,
                List.copyOf(e.getServerIds()), List.copyOf(e.getServerGroups()), env, secretNames, e.getPriority().name(),
                e.getConditionalActions().stream().map(a -> new Action(a.getTrigger().name(), a.getCondition(),
                        a.getTargetEventId())).toList(),
                e.getCreatedAt(), e.getUpdatedAt());
    }
}
