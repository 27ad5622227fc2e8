package io.cronium.workflows.control;

import io.cronium.common.Condition;
import io.cronium.common.FieldError;
import io.cronium.workflows.entity.EdgeType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workflow as a directed graph of nodes (each runs an event) and typed edges, checked before it is saved: every
 * node names an event the owner has, every edge joins two nodes of the workflow and not a node to itself, an
 * ON_CONDITION edge has a condition that parses (and no other edge has one), and there is no cycle. Errors name the
 * offending node or edge, as {@code nodes[i]...} or {@code edges[j]...}.
 */
public final class WorkflowGraph {

    /** A node: its key in the workflow (edges refer to it) and the event it runs. */
    public record Node(String key, Long eventId) {
    }

    /** An edge from one node's key to another's. */
    public record Edge(String from, String to, String type, String condition) {
    }

    static final int MAX_NODES = 500;

    private final List<Node> nodes;
    private final List<Edge> edges;

    public WorkflowGraph(List<Node> nodes, List<Edge> edges) {
        this.nodes = nodes == null ? List.of() : List.copyOf(nodes);
        this.edges = edges == null ? List.of() : List.copyOf(edges);
    }

    /** The problems of the graph; {@code knownEvent} tells whether an event id is one the owner may use. */
    public List<FieldError> problems(java.util.function.LongPredicate knownEvent) {
        List<FieldError> errors = new ArrayList<>();
        if (nodes.isEmpty() || nodes.size() > MAX_NODES) {
            errors.add(new FieldError("nodes", "a workflow has 1 to " + MAX_NODES + " nodes"));
            return errors;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n == null || n.key() == null || n.key().isBlank() || n.key().length() > 64) {
                errors.add(new FieldError("nodes[" + i + "].key", "1 to 64 characters"));
                continue;
            }
            if (!keys.add(n.key())) {
                errors.add(new FieldError("nodes[" + i + "].key", "'" + n.key() + "' is used by another node"));
            }
            if (n.eventId() == null || !knownEvent.test(n.eventId())) {
                errors.add(new FieldError("nodes[" + i + "].eventId", "event " + n.eventId() + " not found"));
            }
        }
        for (int j = 0; j < edges.size(); j++) {
            Edge e = edges.get(j);
            String at = "edges[" + j + "]";
            if (e == null) {
                errors.add(new FieldError(at, "is empty"));
                continue;
            }
            if (!keys.contains(e.from())) {
                errors.add(new FieldError(at + ".from", "no node '" + e.from() + "'"));
            }
            if (!keys.contains(e.to())) {
                errors.add(new FieldError(at + ".to", "no node '" + e.to() + "'"));
            }
            if (e.from() != null && e.from().equals(e.to())) {
                errors.add(new FieldError(at, "an edge cannot lead from node '" + e.from() + "' to itself"));
            }
            EdgeType type = type(e.type());
            if (type == null) {
                errors.add(new FieldError(at + ".type", "one of ALWAYS, ON_SUCCESS, ON_FAILURE, ON_CONDITION"));
            } else if (type == EdgeType.ON_CONDITION) {
                try {
                    Condition.parse(e.condition());
                } catch (Condition.InvalidConditionException x) {
                    errors.add(new FieldError(at + ".condition", x.getMessage()));
                }
            } else if (e.condition() != null && !e.condition().isBlank()) {
                errors.add(new FieldError(at + ".condition", "only ON_CONDITION edges have a condition"));
            }
        }
        if (errors.isEmpty()) {
            cycle().ifPresent(path -> errors.add(new FieldError("edges", "the edges form a cycle: "
                    + String.join(" -> ", path))));
        }
        return errors;
    }

    /** The nodes no edge leads to: where a run starts. */
    public List<String> starts() {
        Set<String> targets = new LinkedHashSet<>();
        edges.forEach(e -> targets.add(e.to()));
        return nodes.stream().map(Node::key).filter(k -> !targets.contains(k)).toList();
    }

    /** A cycle as the keys along it (first key repeated at the end), if there is one. */
    java.util.Optional<List<String>> cycle() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        nodes.forEach(n -> out.put(n.key(), new ArrayList<>()));
        edges.forEach(e -> out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to()));
        Map<String, Integer> state = new HashMap<>(); // 1: on the current path, 2: done
        for (String start : out.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            var found = visit(start, out, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<List<String>> visit(String key, Map<String, List<String>> out,
                                                          Map<String, Integer> state, Deque<String> path) {
        Integer s = state.get(key);
        if (s != null && s == 2) {
            return java.util.Optional.empty();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (var it = path.descendingIterator(); it.hasNext(); ) {
                String k = it.next();
                in = in || k.equals(key);
                if (in) {
                    cycle.add(k);
                }
            }
            cycle.add(key);
            return java.util.Optional.of(cycle);
        }
        state.put(key, 1);
        path.push(key);
        for (String next : out.getOrDefault(key, List.of())) {
            var found = visit(next, out, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        path.pop();
        state.put(key, 2);
        return java.util.Optional.empty();
    }

    private static EdgeType type(String name) {
        try {
            return name == null ? null : EdgeType.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
