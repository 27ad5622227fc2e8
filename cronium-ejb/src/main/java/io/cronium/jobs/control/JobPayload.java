package io.cronium.jobs.control;

import io.cronium.common.Jsons;
import io.cronium.events.entity.Event;
import io.cronium.events.entity.EventType;
import io.cronium.execution.ExecutionSpec;
import io.cronium.jobs.entity.RecoveryPolicy;
import io.cronium.jobs.entity.RunPolicy;
import io.cronium.scheduling.entity.MisfirePolicy;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot of an event taken when a run is requested, so editing the event later does not change a queued run
 * (nor its retries). Secret environment values are not in it: the runner decrypts them at run time.
 */
public record JobPayload(EventType type, String script, int timeoutSeconds, Map<String, String> env, String input,
                         RetrySchedule retry, RecoveryPolicy recovery, MisfirePolicy misfire, ExecutionSpec spec,
                         WorkflowStepRef step, List<FollowUp> actions) {

    public JobPayload {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** A run of {@code event} with {@code spec} (its servers resolved when remote). */
    public static JobPayload of(Event event, String input, ExecutionSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        event.getEnv().stream().filter(v -> !v.isSecret()).forEach(v -> env.put(v.getName(), v.getValue()));
        return of(event.getType(), event.getContent(), event.getTimeoutSeconds(), env, input, event.getRunPolicy(),
                spec).withActions(FollowUp.of(event.getConditionalActions()));
    }

    public static JobPayload of(EventType type, String script, int timeoutSeconds, Map<String, String> env,
                                String input, RunPolicy policy, ExecutionSpec spec) {
        return new JobPayload(type, script, timeoutSeconds, env, input,
                new RetrySchedule(policy.retries(), policy.retryDelaySeconds(), policy.retryMaxDelaySeconds()),
                policy.recovery(), null, spec, null, List.of());
    }

    /** The same request with the event's conditional actions, to run when it ends. */
    public JobPayload withActions(List<FollowUp> followUps) {
        return new JobPayload(type, script, timeoutSeconds, env, input, retry, recovery, misfire, spec, step, followUps);
    }

    /** The same request for a schedule slot, which follows the event's misfire policy if it waits too long. */
    public JobPayload scheduled(MisfirePolicy policy) {
        return new JobPayload(type, script, timeoutSeconds, env, input, retry, recovery, policy, spec, step, actions);
    }

    /** The same request as a step of a workflow run. */
    public JobPayload inStep(WorkflowStepRef ref) {
        return new JobPayload(type, script, timeoutSeconds, env, input, retry, recovery, misfire, spec, ref, actions);
    }

    public String toJson() {
        var envObject = Jsons.createObjectBuilder();
        env.forEach(envObject::add);
        var json = Jsons.createObjectBuilder()
                .add("type", type.name())
                .add("script", script == null ? "" : script)
                .add("timeoutSeconds", timeoutSeconds)
                .add("env", envObject)
                .add("retries", retry.retries())
                .add("retryDelaySeconds", retry.baseDelaySeconds())
                .add("retryMaxDelaySeconds", retry.maxDelaySeconds())
                .add("recovery", recovery.name());
        if (input != null) {
            json.add("input", input);
        }
        if (misfire != null) {
            json.add("misfire", misfire.name());
        }
        spec.writeTo(json);
        if (step != null) {
            step.writeTo(json);
        }
        if (!actions.isEmpty()) {
            json.add("actions", FollowUp.toJson(actions));
        }
        return json.build().toString();
    }

    public static JobPayload fromJson(String json) {
        try (var reader = Jsons.createReader(new StringReader(json))) {
            JsonObject o = reader.readObject();
            Map<String, String> env = new LinkedHashMap<>();
            o.getJsonObject("env").forEach((k, v) -> env.put(k, ((JsonString) v).getString()));
            var retry = new RetrySchedule(o.getInt("retries", 0),
                    o.getInt("retryDelaySeconds", RunPolicy.DEFAULT_RETRY_DELAY_SECONDS),
                    o.getInt("retryMaxDelaySeconds", RunPolicy.DEFAULT_RETRY_MAX_DELAY_SECONDS));
            return new JobPayload(EventType.valueOf(o.getString("type")), o.getString("script"),
                    o.getInt("timeoutSeconds"), env, o.getString("input", null), retry,
                    RecoveryPolicy.parse(o.getString("recovery", null)),
                    o.containsKey("misfire") ? MisfirePolicy.valueOf(o.getString("misfire")) : null,
                    ExecutionSpec.readFrom(o), WorkflowStepRef.readFrom(o), FollowUp.fromJson(o.getJsonArray("actions")));
        }
    }
}
