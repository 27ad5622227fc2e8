package io.cronium.workflows.boundary;

import io.cronium.events.boundary.EventDraft;
import java.util.List;
import java.util.Map;

/**
 * A workflow as a client submits it: nodes (each runs an event; {@code id} is the node's key, which edges name, and
 * {@code x}, {@code y} its place on the canvas) and edges between them; optionally servers that every script step
 * runs on instead of its event's own, declared workflow variables with their default values, a schedule (as events
 * have) and a status (ACTIVE runs on its schedule, PAUSED does not).
 */
public record WorkflowDraft(String name, String description, List<NodeDraft> nodes, List<EdgeDraft> edges,
                            String errorHandling, List<Long> serverIds, Map<String, String> variables,
                            EventDraft.ScheduleSpec schedule, String status) {

    public record NodeDraft(String id, Long eventId, Integer x, Integer y) {
    }

    public record EdgeDraft(String from, String to, String type, String condition) {
    }
}
