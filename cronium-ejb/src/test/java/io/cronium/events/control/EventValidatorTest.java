package io.cronium.events.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.common.FieldError;
import io.cronium.events.boundary.EventDraft;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private final EventValidator validator = new EventValidator();

    static EventDraft bash(String script) {
        return new EventDraft("name", null, "BASH", script, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static EventDraft withSchedule(EventDraft.ScheduleSpec schedule) {
        return new EventDraft("n", null, "BASH", "true", null, schedule, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    List<String> fields(EventDraft draft) {
        return validator.validate(draft).stream().map(FieldError::field).toList();
    }

    @Test
    void aMinimalBashEventIsValid() {
        assertEquals(List.of(), validator.validate(bash("echo hi")));
    }

    @Test
    void nameTypeAndScriptAreRequired() {
        var draft = new EventDraft(" ", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertEquals(List.of("name", "type"), fields(draft));
        assertEquals(List.of("content"), fields(bash("  ")));
        assertEquals(List.of("body"), fields(null));
    }

    @Test
    void unknownEnumValuesNameTheAllowedOnes() {
        var draft = new EventDraft("n", null, "RUBY", "x", null, null, "ON", null, null, null, "MARS", null, null, null, "URGENT", null, null, null, null, null, null, null, null);
        var errors = validator.validate(draft);
        assertEquals(List.of("type", "status", "priority", "runLocation"), errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(0).message().contains("BASH"), errors.get(0).message());
    }

    @Test
    void unixAndQuartzCronAreAcceptedAndBadOnesExplained() {
        assertEquals(List.of(), fields(withSchedule(new EventDraft.ScheduleSpec("*/5 * * * *", null, "Europe/Berlin", "SKIP"))));
        assertEquals(List.of(), fields(withSchedule(new EventDraft.ScheduleSpec("0/10 * * * * ?", null, null, null))));
        var errors = validator.validate(withSchedule(new EventDraft.ScheduleSpec("61 * * * *", null, null, null)));
        assertEquals("schedule.cron", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("the minute field is wrong") && errors.get(0).message().contains("61"),
                errors.get(0).message());
        var month = validator.validate(withSchedule(new EventDraft.ScheduleSpec("0 0 12 1 13 ?", null, null, null)));
        assertTrue(month.get(0).message().contains("the month field is wrong"), month.get(0).message());
        var weekday = validator.validate(withSchedule(new EventDraft.ScheduleSpec("0 0 * * FOO", null, null, null)));
        assertTrue(weekday.get(0).message().contains("the day of week field is wrong"), weekday.get(0).message());
        assertEquals(List.of("schedule.cron"), fields(withSchedule(new EventDraft.ScheduleSpec("* *", null, null, null))));
    }

    @Test
    void scheduleRulesAreChecked() {
        assertEquals(List.of("schedule", "schedule.intervalSeconds", "schedule.timezone", "schedule.misfirePolicy"),
                fields(withSchedule(new EventDraft.ScheduleSpec("* * * * *", 0L, "Mars/Base", "SOMETIMES"))));
        assertEquals(List.of(), fields(withSchedule(new EventDraft.ScheduleSpec(null, 30L, "Asia/Kolkata", "RUN_ALL"))));
    }

    @Test
    void limitsAreBounded() {
        var draft = new EventDraft("n", null, "BASH", "x", null, null, null, 0, -1, 0, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertEquals(List.of("timeoutSeconds", "retries", "maxExecutions"), fields(draft));
    }

    @Test
    void environmentNamesMustBeValidAndSecretsMustBeInEnv() {
        var draft = new EventDraft("n", null, "BASH", "x", null, null, null, null, null, null, null, null,
                Map.of("1BAD", "v"), List.of("MISSING"), null, null, null, null, null, null, null, null, null);
        assertEquals(List.of("env.1BAD", "secretEnv"), fields(draft));
    }

    @Test
    void featuresOfLaterVersionsAreRefusedClearly() {
        var http = new EventDraft("n", null, "HTTP", null, new EventDraft.HttpSpec("FETCH", "ftp://x", null, null, null, null),
                null, null, null, null, null, "REMOTE", List.of(1L), null, null, null, null, null, null, null, null, null, null, null);
        assertEquals(List.of("http.method", "http.url", "runLocation"), fields(http), "HTTP events run on this node");
    }

    @Test
    void anHttpEventNeedsAValidRequest() {
        var missing = new EventDraft("n", null, "HTTP", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        assertEquals(List.of("http"), fields(missing));
        var bad = new EventDraft("n", null, "HTTP", null, new EventDraft.HttpSpec("GET", "http://127.0.0.1:9/x",
                Map.of("Host", "evil", "Bad Name", "v", "X-Ok", "line\nbreak"), null, null, "2xx,99,abc"),
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        var errors = new EventValidator().validate(bad).stream().map(e -> e.field() + ": " + e.message()).sorted().toList();
        assertEquals(List.of("http.headers.Host: is set by Cronium from the request",
                "http.headers.X-Ok: needs a value on one line",
                "http.headers: 'Bad Name' is not a valid header name",
                "http.successStatuses: '99' is not a status code (200), a range (200-299) or a class (2xx)"), errors);
    }

    @Test
    void isolationAndContainerLimitsAreChecked() {
        var draft = new EventDraft("n", null, "BASH", "x", null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "VM", new EventDraft.LimitsSpec(0.0, 4, 1, 0, "HOST"), null, null);
        assertEquals(List.of("isolation", "limits.cpus", "limits.memoryMb", "limits.pids", "limits.workDirMb",
                "limits.network"), fields(draft));
        var fine = new EventDraft("n", null, "BASH", "x", null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "CONTAINER", new EventDraft.LimitsSpec(0.5, 64, 32, 8, "PER_RUN"), null, null);
        assertEquals(List.of(), fields(fine));
    }
}
