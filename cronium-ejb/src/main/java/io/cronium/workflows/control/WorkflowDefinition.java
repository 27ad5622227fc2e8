package io.cronium.workflows.control;

import io.cronium.common.Jsons;
import io.cronium.common.Condition;
import io.cronium.workflows.entity.EdgeType;
import io.cronium.workflows.entity.ErrorHandling;
import io.cronium.workflows.entity.Workflow;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow as one run of it sees it, kept with the run as JSON: editing the workflow while it runs changes nothing
 * for that run. The server override, when not empty, runs every script step on those servers.
 */
public record WorkflowDefinition(long workflowId, List<Node> nodes, List<Edge> edges, ErrorHandling errorHandling,
                                 List<Long> serverIds, Map<String, String> variables) {

    public record Node(String key, long eventId) {
    }

    public record Edge(String from, String to, EdgeType type, String condition) {
    }

    public static WorkflowDefinition of(Workflow workflow) {
        return new WorkflowDefinition(workflow.getId(),
                workflow.getNodes().stream().map(n -> new Node(n.getKey(), n.getEventId())).toList(),
                workflow.getEdges().stream().map(e -> new Edge(e.getFrom(), e.getTo(), e.getType(),
                        e.getCondition())).toList(),
                workflow.getErrorHandling(), List.copyOf(workflow.getServerIds()), workflow.variables());
    }

    public long eventOf(String node) {
        return nodes.stream().filter(n -> n.key().equals(node)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + node)).eventId();
    }

    /** The run's state machine, its steps as recorded (conditions were checked when the workflow was saved). */
    public WorkflowPlan plan(Map<String, WorkflowPlan.Recorded> steps) {
        List<WorkflowPlan.Edge> planEdges = new ArrayList<>();
        for (Edge e : edges) {
            try {
                planEdges.add(new WorkflowPlan.Edge(e.from(), e.to(), e.type(),
                        e.type() == EdgeType.ON_CONDITION ? Condition.parse(e.condition()) : null));
            } catch (Condition.InvalidConditionException ex) {
                throw new IllegalStateException("the condition of edge " + e.from() + " -> " + e.to()
                        + " no longer parses: " + ex.getMessage(), ex);
            }
        }
        return WorkflowPlan.restore(nodes.stream().map(Node::key).toList(), planEdges, errorHandling, steps);
    }

    public String toJson() {
        var nodeArray = Jsons.createArrayBuilder();
        nodes.forEach(n -> nodeArray.add(Jsons.createObjectBuilder().add("id", n.key()).add("eventId", n.eventId())));
        var edgeArray = Jsons.createArrayBuilder();
        edges.forEach(e -> {
            var edge = Jsons.createObjectBuilder().add("from", e.from()).add("to", e.to()).add("type", e.type().name());
            if (e.condition() != null) {
                edge.add("condition", e.condition());
            }
            edgeArray.add(edge);
        });
        var servers = Jsons.createArrayBuilder();
        serverIds.forEach(servers::add);
        return Jsons.createObjectBuilder().add("workflowId", workflowId).add("nodes", nodeArray).add("edges", edgeArray)
                .add("errorHandling", errorHandling.name()).add("serverIds", servers)
                .add("variables", WorkflowVariables.toJson(variables)).build().toString();
    }

    public static WorkflowDefinition fromJson(String json) {
        try (var reader = Jsons.createReader(new StringReader(json))) {
            JsonObject o = reader.readObject();
            List<Node> nodes = o.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                    .map(n -> new Node(n.getString("id"), n.getJsonNumber("eventId").longValue())).toList();
            List<Edge> edges = o.getJsonArray("edges").getValuesAs(JsonObject.class).stream()
                    .map(e -> new Edge(e.getString("from"), e.getString("to"), EdgeType.valueOf(e.getString("type")),
                            e.getString("condition", null))).toList();
            List<Long> servers = o.getJsonArray("serverIds").getValuesAs(jakarta.json.JsonNumber.class).stream()
                    .map(jakarta.json.JsonNumber::longValue).toList();
            Map<String, String> variables = new LinkedHashMap<>();
            o.getJsonObject("variables").forEach((k, v) -> variables.put(k, ((JsonString) v).getString()));
            return new WorkflowDefinition(o.getJsonNumber("workflowId").longValue(), nodes, edges,
                    ErrorHandling.valueOf(o.getString("errorHandling")), servers, variables);
        }
    }
}
