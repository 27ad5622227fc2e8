package io.cronium.events.control;

import io.cronium.common.FieldError;
import io.cronium.events.boundary.EventDraft;
import io.cronium.events.entity.EventStatus;
import io.cronium.events.entity.EventType;
import io.cronium.events.entity.Isolation;
import io.cronium.events.entity.NetworkAccess;
import io.cronium.events.entity.ResourceLimits;
import io.cronium.events.entity.SuccessStatuses;
import io.cronium.events.entity.RunLocation;
import io.cronium.jobs.entity.ConcurrencyPolicy;
import io.cronium.jobs.entity.JobPriority;
import io.cronium.jobs.entity.RecoveryPolicy;
import io.cronium.scheduling.entity.MisfirePolicy;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks an event draft completely and reports every problem at once, each naming its field. */
public final class EventValidator {

    static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final Set<EventType> SCRIPT_TYPES = Set.of(EventType.BASH, EventType.PYTHON, EventType.NODE);
    private static final Set<EventType> AVAILABLE_TYPES = Set.of(EventType.BASH, EventType.PYTHON, EventType.NODE,
            EventType.HTTP);
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
    /** Headers the HTTP client sets itself from the request (and refuses to take from a user). */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");

    public List<FieldError> validate(EventDraft d) {
        var errors = new ArrayList<FieldError>();
        if (d == null) {
            errors.add(new FieldError("body", "an event object is required"));
            return errors;
        }
        if (blank(d.name())) {
            errors.add(new FieldError("name", "is required"));
        } else if (d.name().length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        EventType type = EventType.parse(d.type());
        if (d.type() == null) {
            errors.add(new FieldError("type", "is required: one of " + Arrays.toString(EventType.values())));
        } else if (type == null) {
            errors.add(new FieldError("type", "unknown type '" + d.type() + "': one of " + Arrays.toString(EventType.values())));
        } else if (!AVAILABLE_TYPES.contains(type)) {
            errors.add(new FieldError("type", type + " events are not available in this version yet"));
        }
        if (type != null && SCRIPT_TYPES.contains(type) && blank(d.content())) {
            errors.add(new FieldError("content", "a " + type + " event needs a script"));
        }
        if (type == EventType.HTTP && d.http() == null) {
            errors.add(new FieldError("http", "an HTTP event needs http: {method, url}"));
        }
        if (d.http() != null) {
            validateHttp(d.http(), errors);
        }
        checkEnum("isolation", d.isolation(), Isolation.values(), errors);
        if (d.limits() != null) {
            validateLimits(d.limits(), errors);
        }
        if (d.schedule() != null) {
            validateSchedule(d.schedule(), errors);
        }
        checkEnum("status", d.status(), EventStatus.values(), errors);
        checkEnum("priority", d.priority(), JobPriority.values(), errors);
        checkEnum("runLocation", d.runLocation(), RunLocation.values(), errors);
        boolean remote = RunLocation.REMOTE.name().equals(d.runLocation());
        boolean hasServers = d.serverIds() != null && !d.serverIds().isEmpty();
        boolean hasGroups = d.serverGroups() != null && !d.serverGroups().isEmpty();
        if (remote && !hasServers && !hasGroups) {
            errors.add(new FieldError("serverIds", "a REMOTE event needs at least one server or server group"));
        } else if (!remote && (hasServers || hasGroups)) {
            errors.add(new FieldError(hasServers ? "serverIds" : "serverGroups", "servers are for runLocation REMOTE"));
        }
        if (hasGroups && d.serverGroups().stream().anyMatch(g -> g == null || g.isBlank() || g.strip().length() > 64)) {
            errors.add(new FieldError("serverGroups", "must be group names of 1 to 64 characters"));
        }
        if (remote && type != null && !SCRIPT_TYPES.contains(type)) {
            errors.add(new FieldError("runLocation", type + " events run on this node, not REMOTE"));
        }
        if (hasServers && d.serverIds().stream().anyMatch(java.util.Objects::isNull)) {
            errors.add(new FieldError("serverIds", "must be server ids"));
        }
        if (d.timeoutSeconds() != null && (d.timeoutSeconds() < 1 || d.timeoutSeconds() > MAX_TIMEOUT_SECONDS)) {
            errors.add(new FieldError("timeoutSeconds", "must be between 1 and " + MAX_TIMEOUT_SECONDS));
        }
        checkRange("retries", d.retries(), 0, 100, errors);
        checkRange("retryDelaySeconds", d.retryDelaySeconds(), 1, MAX_TIMEOUT_SECONDS, errors);
        checkRange("retryMaxDelaySeconds", d.retryMaxDelaySeconds(), 1, MAX_TIMEOUT_SECONDS, errors);
        if (d.retryDelaySeconds() != null && d.retryMaxDelaySeconds() != null
                && d.retryMaxDelaySeconds() < d.retryDelaySeconds()) {
            errors.add(new FieldError("retryMaxDelaySeconds", "must not be less than retryDelaySeconds"));
        }
        checkEnum("recoveryPolicy", d.recoveryPolicy(), RecoveryPolicy.values(), errors);
        checkEnum("concurrencyPolicy", d.concurrencyPolicy(), ConcurrencyPolicy.values(), errors);
        if (d.maxExecutions() != null && d.maxExecutions() < 1) {
            errors.add(new FieldError("maxExecutions", "must be at least 1 when given"));
        }
        validateEnv(d, errors);
        return errors;
    }

    private static void checkRange(String field, Integer value, int min, int max, List<FieldError> errors) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
    }

    private static void validateHttp(EventDraft.HttpSpec http, List<FieldError> errors) {
        if (http.method() == null || !HTTP_METHODS.contains(http.method())) {
            errors.add(new FieldError("http.method", "must be one of " + HTTP_METHODS));
        }
        try {
            var uri = URI.create(http.url() == null ? "" : http.url());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                errors.add(new FieldError("http.url", "must be an absolute http or https URL"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("http.url", "is not a valid URL"));
        }
        if (http.headers() != null) {
            http.headers().forEach((name, value) -> {
                if (name == null || !HEADER_NAME.matcher(name).matches()) {
                    errors.add(new FieldError("http.headers", "'" + name + "' is not a valid header name"));
                } else if (RESTRICTED_HEADERS.contains(name.toLowerCase())) {
                    errors.add(new FieldError("http.headers." + name, "is set by Cronium from the request"));
                } else if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    errors.add(new FieldError("http.headers." + name, "needs a value on one line"));
                }
            });
        }
        try {
            SuccessStatuses.parse(http.successStatuses());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("http.successStatuses", e.getMessage()));
        }
    }

    private static void validateLimits(EventDraft.LimitsSpec l, List<FieldError> errors) {
        if (l.cpus() != null && (l.cpus() < 0.01 || l.cpus() > ResourceLimits.MAX_CPUS)) {
            errors.add(new FieldError("limits.cpus", "must be between 0.01 and " + (int) ResourceLimits.MAX_CPUS));
        }
        checkRange("limits.memoryMb", l.memoryMb(), ResourceLimits.MIN_MEMORY_MB, ResourceLimits.MAX_MEMORY_MB, errors);
        checkRange("limits.pids", l.pids(), 8, ResourceLimits.MAX_PIDS, errors);
        checkRange("limits.workDirMb", l.workDirMb(), 1, ResourceLimits.MAX_WORK_DIR_MB, errors);
        checkEnum("limits.network", l.network(), NetworkAccess.values(), errors);
    }

    /** The problems of a schedule (shared with workflows), named {@code schedule...}. */
    public static List<FieldError> scheduleProblems(EventDraft.ScheduleSpec s) {
        List<FieldError> errors = new java.util.ArrayList<>();
        validateSchedule(s, errors);
        return errors;
    }

    private static void validateSchedule(EventDraft.ScheduleSpec s, List<FieldError> errors) {
        boolean hasCron = !blank(s.cron());
        if (hasCron && s.intervalSeconds() != null) {
            errors.add(new FieldError("schedule", "give either cron or intervalSeconds, not both"));
        }
        if (hasCron) {
            try {
                CronExpressions.parse(s.cron());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("schedule.cron", "invalid cron expression: " + e.getMessage()));
            }
        }
        if (s.intervalSeconds() != null && s.intervalSeconds() <= 0) {
            errors.add(new FieldError("schedule.intervalSeconds", "must be greater than 0"));
        }
        if (s.timezone() != null) {
            try {
                ZoneId.of(s.timezone());
            } catch (DateTimeException e) {
                errors.add(new FieldError("schedule.timezone", "unknown time zone '" + s.timezone() + "'"));
            }
        }
        checkEnum("schedule.misfirePolicy", s.misfirePolicy(), MisfirePolicy.values(), errors);
    }

    private static void validateEnv(EventDraft d, List<FieldError> errors) {
        if (d.env() != null) {
            d.env().forEach((name, value) -> {
                if (name == null) {
                    errors.add(new FieldError("env", "must be an object of NAME: \"value\" pairs"));
                } else if (!ENV_NAME.matcher(name).matches()) {
                    errors.add(new FieldError("env." + name, "is not a valid environment variable name"));
                } else if (value == null) {
                    errors.add(new FieldError("env." + name, "needs a value"));
                }
            });
        }
        if (d.secretEnv() != null) {
            for (String name : d.secretEnv()) {
                if (d.env() == null || !d.env().containsKey(name)) {
                    errors.add(new FieldError("secretEnv", "'" + name + "' is not a variable in env"));
                }
            }
        }
    }

    private static <E extends Enum<E>> void checkEnum(String field, String value, E[] allowed, List<FieldError> errors) {
        if (value != null && Arrays.stream(allowed).noneMatch(e -> e.name().equals(value))) {
            errors.add(new FieldError(field, "unknown value '" + value + "': one of " + Arrays.toString(allowed)));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
