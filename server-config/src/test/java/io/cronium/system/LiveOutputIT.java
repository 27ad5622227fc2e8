package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonString;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** A run's output reaches API clients by server-sent events while the script runs, stderr told apart. */
@Order(10)
class LiveOutputIT {

    static Api api;
    static String base;

    @BeforeAll
    static void login() {
        base = RunningCronium.get().baseUrl();
        api = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
    }

    static List<String> lines(List<EventStream.Event> events, String stream) {
        return events.stream().filter(e -> e.name().equals("output") && e.data().getString("stream").equals(stream))
                .flatMap(e -> e.data().getJsonArray("lines").getValuesAs(JsonString.class).stream())
                .map(JsonString::getString).toList();
    }

    @Test
    void linesArriveWhileTheScriptRunsAndTheStreamEndsWithTheStatus() throws Exception {
        long event = api.createEvent(SkeletonPathIT.bashEvent("chatty",
                "for i in 1 2 3; do echo \"line $i\"; echo \"warn $i\" >&2; sleep 1; done; echo done"));
        var run = api.post("/api/v1/events/" + event + "/run", "{}").json();
        long logId = run.getJsonNumber("logId").longValue();
        var stream = EventStream.open(base, "/api/v1/logs/" + logId + "/stream", api.token(), null);
        assertEquals(200, stream.awaitEnd(Duration.ofSeconds(30)));
        var events = stream.events();

        assertEquals(List.of("line 1", "line 2", "line 3", "done"), lines(events, "STDOUT"));
        assertEquals(List.of("warn 1", "warn 2", "warn 3"), lines(events, "STDERR"));
        var end = events.get(events.size() - 1);
        assertEquals("end", end.name());
        assertEquals("SUCCESS", end.data().getString("status"));
        assertEquals(0, end.data().getInt("exitCode"));
        var first = events.stream().filter(e -> e.name().equals("output")
                && e.data().getJsonArray("lines").toString().contains("line 1")).findFirst().orElseThrow();
        long aheadMs = (end.arrivedNanos() - first.arrivedNanos()) / 1_000_000;
        assertTrue(aheadMs > 1500, "the first line arrived " + aheadMs + " ms before the end: live, not at the end");
        var running = events.stream().filter(e -> e.name().equals("status")
                && e.data().getString("status").equals("RUNNING")).findFirst();
        assertTrue(running.isPresent(), "the RUNNING status was pushed");
        assertTrue(running.get().data().isNull("exitCode"), "no exit code while it runs: " + running.get().data());
    }

    @Test
    void aReconnectingClientResumesAfterTheLastEventItSaw() throws Exception {
        long event = api.createEvent(SkeletonPathIT.bashEvent("two parts", "echo first; sleep 0.3; echo second >&2"));
        long logId = api.post("/api/v1/events/" + event + "/run", "{}").json().getJsonNumber("logId").longValue();
        api.awaitFinished(logId, Duration.ofSeconds(20));
        var all = EventStream.open(base, "/api/v1/logs/" + logId + "/stream", api.token(), null);
        all.awaitEnd(Duration.ofSeconds(10));
        var outputs = all.events().stream().filter(e -> e.name().equals("output")).toList();
        String firstStdout = outputs.stream().filter(e -> e.data().getString("stream").equals("STDOUT"))
                .findFirst().orElseThrow().id();
        var resumed = EventStream.open(base, "/api/v1/logs/" + logId + "/stream", api.token(), firstStdout);
        resumed.awaitEnd(Duration.ofSeconds(10));
        assertEquals(List.of(), lines(resumed.events(), "STDOUT"), "nothing already seen is sent again");
        assertEquals(List.of("second"), lines(resumed.events(), "STDERR"));
    }

    @Test
    void anotherUsersRunCannotBeStreamed() throws Exception {
        long event = api.createEvent(SkeletonPathIT.bashEvent("private", "echo secret-ish"));
        long logId = api.post("/api/v1/events/" + event + "/run", "{}").json().getJsonNumber("logId").longValue();
        String name = "stream-outsider-" + System.nanoTime();
        api.post("/api/v1/users", jakarta.json.Json.createObjectBuilder().add("username", name)
                .add("password", name + "-pw").add("role", "USER").build());
        var outsider = new Api(base).login(name, name + "-pw");
        var stream = EventStream.open(base, "/api/v1/logs/" + logId + "/stream", outsider.token(), null);
        assertEquals(404, stream.awaitEnd(Duration.ofSeconds(10)));
        assertEquals(400, EventStream.open(base, "/api/v1/logs/" + logId + "/stream", api.token(), "abc")
                .awaitEnd(Duration.ofSeconds(10)));
    }

}
