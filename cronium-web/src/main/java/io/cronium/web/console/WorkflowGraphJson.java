package io.cronium.web.console;

import io.cronium.common.Jsons;
import io.cronium.workflows.boundary.WorkflowDraft;
import io.cronium.workflows.control.WorkflowDefinition;
import io.cronium.workflows.entity.Workflow;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** The canvas's graph as JSON ({nodes: [{id, eventId, x, y}], edges: [{from, to, type, condition}]}), both ways. */
final class WorkflowGraphJson {

    /** The graph as the canvas sends it, or why it cannot be read. */
    record Graph(List<WorkflowDraft.NodeDraft> nodes, List<WorkflowDraft.EdgeDraft> edges) {
    }

    private WorkflowGraphJson() {
    }

    static String of(Workflow workflow) {
        var nodes = Jsons.createArrayBuilder();
        workflow.getNodes().forEach(n -> nodes.add(Jsons.createObjectBuilder().add("id", n.getKey())
                .add("eventId", n.getEventId()).add("x", n.getX() == null ? 40 : n.getX())
                .add("y", n.getY() == null ? 40 : n.getY())));
        var edges = Jsons.createArrayBuilder();
        workflow.getEdges().forEach(e -> edges.add(edge(e.getFrom(), e.getTo(), e.getType().name(), e.getCondition())));
        return Jsons.createObjectBuilder().add("nodes", nodes).add("edges", edges).build().toString();
    }

    /** A run's graph: the workflow as the run started it, without places (the canvas lays it out). */
    static String of(WorkflowDefinition definition) {
        var nodes = Jsons.createArrayBuilder();
        definition.nodes().forEach(n -> nodes.add(Jsons.createObjectBuilder().add("id", n.key()).add("eventId", n.eventId())));
        var edges = Jsons.createArrayBuilder();
        definition.edges().forEach(e -> edges.add(edge(e.from(), e.to(), e.type().name(), e.condition())));
        return Jsons.createObjectBuilder().add("nodes", nodes).add("edges", edges).build().toString();
    }

    private static JsonObjectBuilder edge(String from, String to, String type, String condition) {
        var edge = Jsons.createObjectBuilder().add("from", from).add("to", to).add("type", type);
        return condition == null ? edge : edge.add("condition", condition);
    }

    /** @throws IllegalArgumentException when the text is not a graph of that shape */
    static Graph parse(String json) {
        try (var reader = Jsons.createReader(new StringReader(json == null || json.isBlank() ? "{}" : json))) {
            JsonObject o = reader.readObject();
            List<WorkflowDraft.NodeDraft> nodes = new ArrayList<>();
            for (JsonValue v : o.getOrDefault("nodes", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()) {
                JsonObject n = v.asJsonObject();
                nodes.add(new WorkflowDraft.NodeDraft(n.getString("id", null), number(n, "eventId"),
                        integer(n, "x"), integer(n, "y")));
            }
            List<WorkflowDraft.EdgeDraft> edges = new ArrayList<>();
            for (JsonValue v : o.getOrDefault("edges", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()) {
                JsonObject e = v.asJsonObject();
                edges.add(new WorkflowDraft.EdgeDraft(e.getString("from", null), e.getString("to", null),
                        e.getString("type", null), e.get("condition") instanceof JsonString s ? s.getString() : null));
            }
            return new Graph(nodes, edges);
        } catch (JsonException | ClassCastException | IllegalStateException e) {
            throw new IllegalArgumentException("the canvas sent a graph that cannot be read: " + e.getMessage(), e);
        }
    }

    private static Long number(JsonObject o, String key) {
        return o.get(key) instanceof JsonNumber n ? n.longValue() : null;
    }

    private static Integer integer(JsonObject o, String key) {
        return o.get(key) instanceof JsonNumber n ? n.intValue() : null;
    }
}
