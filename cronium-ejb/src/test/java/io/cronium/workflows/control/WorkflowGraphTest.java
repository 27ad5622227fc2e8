package io.cronium.workflows.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cronium.common.FieldError;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkflowGraphTest {

    static final Set<Long> EVENTS = Set.of(1L, 2L, 3L, 4L);

    static List<String> problems(List<WorkflowGraph.Node> nodes, List<WorkflowGraph.Edge> edges) {
        return new WorkflowGraph(nodes, edges).problems(EVENTS::contains).stream()
                .map(e -> e.field() + ": " + e.message()).toList();
    }

    static WorkflowGraph.Node node(String key, long event) {
        return new WorkflowGraph.Node(key, event);
    }

    static WorkflowGraph.Edge edge(String from, String to) {
        return new WorkflowGraph.Edge(from, to, "ALWAYS", null);
    }

    @Test
    void aDiamondIsValidAndStartsAtItsTop() {
        var nodes = List.of(node("a", 1), node("b", 2), node("c", 3), node("d", 4));
        var edges = List.of(edge("a", "b"), new WorkflowGraph.Edge("a", "c", "ON_CONDITION", "output.n > 1"),
                new WorkflowGraph.Edge("b", "d", "ON_SUCCESS", null), new WorkflowGraph.Edge("c", "d", "ON_FAILURE", ""));
        assertEquals(List.of(), problems(nodes, edges));
        assertEquals(List.of("a"), new WorkflowGraph(nodes, edges).starts());
        assertEquals(List.of("a", "x"), new WorkflowGraph(List.of(node("a", 1), node("x", 2)), List.of()).starts(),
                "independent nodes all start");
    }

    @Test
    void aCycleIsNamedAlongItsNodes() {
        var nodes = List.of(node("a", 1), node("b", 2), node("c", 3));
        assertEquals(List.of("edges: the edges form a cycle: b -> c -> b"),
                problems(nodes, List.of(edge("a", "b"), edge("b", "c"), edge("c", "b"))));
    }

    @Test
    void everyMistakeNamesItsNodeOrEdge() {
        var nodes = List.of(node("a", 1), node("a", 2), node("b", 99), new WorkflowGraph.Node(" ", 1L));
        var edges = List.of(edge("a", "a"), edge("a", "zz"), new WorkflowGraph.Edge("a", "b", "SOMETIMES", null),
                new WorkflowGraph.Edge("a", "b", "ON_CONDITION", "exitCode = 0"),
                new WorkflowGraph.Edge("a", "b", "ALWAYS", "exitCode == 0"));
        assertEquals(List.of(
                "nodes[1].key: 'a' is used by another node",
                "nodes[2].eventId: event 99 not found",
                "nodes[3].key: 1 to 64 characters",
                "edges[0]: an edge cannot lead from node 'a' to itself",
                "edges[1].to: no node 'zz'",
                "edges[2].type: one of ALWAYS, ON_SUCCESS, ON_FAILURE, ON_CONDITION",
                "edges[3].condition: unexpected '=' at position 10",
                "edges[4].condition: only ON_CONDITION edges have a condition"), problems(nodes, edges));
        assertEquals(List.of("nodes: a workflow has 1 to 500 nodes"), problems(List.of(), List.of()));
    }

    @Test
    void aLongChainIsCheckedWithoutTrouble() {
        var nodes = new java.util.ArrayList<WorkflowGraph.Node>();
        var edges = new java.util.ArrayList<WorkflowGraph.Edge>();
        for (int i = 0; i < 500; i++) {
            nodes.add(node("n" + i, 1));
            if (i > 0) {
                edges.add(edge("n" + (i - 1), "n" + i));
            }
        }
        assertEquals(List.<FieldError>of().size(), problems(nodes, edges).size());
        edges.add(edge("n499", "n0"));
        assertEquals(1, problems(nodes, edges).size());
    }
}
