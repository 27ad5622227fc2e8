package io.cronium.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.events.entity.EventType;
import io.cronium.events.entity.HttpCall;
import io.cronium.events.entity.Isolation;
import io.cronium.events.entity.ResourceLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {

    static final String HOST = "unix:///var/run/docker.sock";

    static Placement place(EventType type, Isolation isolation, boolean engine, boolean processes) {
        return Placement.of(type, new ExecutionSpec(isolation, new ResourceLimits(), new HttpCall()), engine, processes,
                HOST);
    }

    @Test
    void autoPrefersAContainerAndFallsBackToAProcessWhereAllowed() {
        assertEquals(Placement.Kind.CONTAINER, place(EventType.BASH, Isolation.AUTO, true, true).kind());
        assertEquals(Placement.Kind.CONTAINER, place(EventType.PYTHON, Isolation.AUTO, true, false).kind());
        assertEquals(Placement.Kind.PROCESS, place(EventType.NODE, Isolation.AUTO, false, true).kind());
        var refused = place(EventType.BASH, Isolation.AUTO, false, false);
        assertEquals("no Docker engine answers at " + HOST + ", and the administrator forbids unsandboxed local "
                + "processes (CRONIUM_ALLOW_UNSANDBOXED=false)", refused.refusal());
    }

    @Test
    void containerAndProcessAreInsistedOn() {
        assertEquals(Placement.Kind.PROCESS, place(EventType.BASH, Isolation.PROCESS, true, true).kind());
        assertTrue(place(EventType.BASH, Isolation.PROCESS, true, false).refusal().contains("forbids unsandboxed"));
        assertTrue(place(EventType.BASH, Isolation.CONTAINER, false, true).refusal()
                .startsWith("the event runs only in a container, and no Docker engine answers"));
    }

    @Test
    void httpEventsGoToTheHttpExecutorAndToolsNowhereYet() {
        var http = Placement.of(EventType.HTTP, new ExecutionSpec(Isolation.AUTO, new ResourceLimits(),
                new HttpCall("GET", "http://127.0.0.1/", Map.of(), null, true, null)), false, false, HOST);
        assertEquals(Placement.Kind.HTTP, http.kind());
        assertEquals("the HTTP event has no request", place(EventType.HTTP, Isolation.AUTO, true, true).refusal());
        assertEquals("no executor on this node can run TOOL events", place(EventType.TOOL, Isolation.AUTO, true, true).refusal());
    }
}
