package io.cronium.workflows.boundary;

import java.util.List;

/**
 * A workflow as a client submits it: nodes (each runs an event; {@code id} is the node's key, which edges name, and
 * {@code x}, {@code y} its place on the canvas) and edges between them.
 */
public record WorkflowDraft(String name, String description, List<NodeDraft> nodes, List<EdgeDraft> edges,
                            String errorHandling) {

    public record NodeDraft(String id, Long eventId, Integer x, Integer y) {
    }

    public record EdgeDraft(String from, String to, String type, String condition) {
    }
}
