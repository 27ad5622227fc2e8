package io.cronium.workflows.control;

import io.cronium.common.Condition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.workflows.control.WorkflowPlan.NodeState;
import io.cronium.workflows.entity.EdgeType;
import io.cronium.workflows.entity.ErrorHandling;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowPlanTest {

    static WorkflowPlan.Edge edge(String from, String to, EdgeType type) {
        return new WorkflowPlan.Edge(from, to, type, null);
    }

    static WorkflowPlan.Edge when(String from, String to, String condition) throws Exception {
        return new WorkflowPlan.Edge(from, to, EdgeType.ON_CONDITION, Condition.parse(condition));
    }

    static Condition.Facts ok(String output) {
        try (var reader = Json.createReader(new StringReader(output))) {
            return new Condition.Facts(0, "SUCCESS", reader.readValue());
        }
    }

    static final Condition.Facts FAILED = new Condition.Facts(1, "FAILURE", null);

    @Test
    void aDiamondRunsItsBranchesSideBySideAndJoinsWithBothOutputs() {
        var plan = new WorkflowPlan(List.of("a", "b", "c", "d"), List.of(edge("a", "b", EdgeType.ALWAYS),
                edge("a", "c", EdgeType.ON_SUCCESS), edge("b", "d", EdgeType.ALWAYS), edge("c", "d", EdgeType.ALWAYS)),
                ErrorHandling.CONTINUE);
        assertEquals(List.of("a"), plan.start());
        assertEquals(List.of("b", "c"), plan.finished("a", true, ok("{\"n\":1}")).start(), "both branches at once");
        assertEquals(List.of(), plan.finished("b", true, ok("\"from b\"")).start(), "the join waits for c");
        assertEquals(List.of("d"), plan.finished("c", true, ok("2")).start());
        assertEquals(Json.createObjectBuilder().add("b", "from b").add("c", 2).build(), plan.inputOf("d"));
        assertEquals(Json.createObjectBuilder().add("n", 1).build(), plan.inputOf("b"), "one source: its output as is");
        plan.finished("d", true, ok("null"));
        assertTrue(plan.done());
        assertEquals("SUCCESS", plan.status());
    }

    @Test
    void aConditionChoosesTheBranchAndTheOtherIsSkippedWithoutBlockingTheJoin() throws Exception {
        var plan = new WorkflowPlan(List.of("a", "big", "small", "end"), List.of(when("a", "big", "output.n > 10"),
                when("a", "small", "output.n <= 10"), edge("big", "end", EdgeType.ALWAYS),
                edge("small", "end", EdgeType.ALWAYS)), ErrorHandling.CONTINUE);
        plan.start();
        assertEquals(List.of("small"), plan.finished("a", true, ok("{\"n\":3}")).start());
        assertEquals(NodeState.SKIPPED, plan.states().get("big"));
        assertEquals(List.of("end"), plan.finished("small", true, ok("\"s\"")).start(),
                "a skipped upstream does not hold the join back");
        assertEquals(Json.createValue("s"), plan.inputOf("end"));
    }

    @Test
    void aNodeReachedOnlyThroughSkippedBranchesIsSkippedToo() {
        var plan = new WorkflowPlan(List.of("a", "b", "c"), List.of(edge("a", "b", EdgeType.ON_FAILURE),
                edge("b", "c", EdgeType.ALWAYS)), ErrorHandling.CONTINUE);
        plan.start();
        assertEquals(List.of(), plan.finished("a", true, ok("1")).start());
        assertEquals(Map.of("a", NodeState.SUCCEEDED, "b", NodeState.SKIPPED, "c", NodeState.SKIPPED), plan.states());
        assertTrue(plan.done());
        assertEquals("SUCCESS", plan.status());
    }

    @Test
    void aHandledFailureTakesItsFailurePathAndTheWorkflowSucceeds() {
        var plan = new WorkflowPlan(List.of("deploy", "rollback", "notify"), List.of(
                edge("deploy", "notify", EdgeType.ON_SUCCESS), edge("deploy", "rollback", EdgeType.ON_FAILURE)),
                ErrorHandling.FAIL_FAST);
        plan.start();
        assertEquals(List.of("rollback"), plan.finished("deploy", false, FAILED).start());
        plan.finished("rollback", true, ok("null"));
        assertEquals(NodeState.SKIPPED, plan.states().get("notify"));
        assertEquals("SUCCESS", plan.status(), "the failure was handled by its ON_FAILURE edge");
    }

    @Test
    void failFastCancelsARunningSiblingAndWhatWouldFollow() {
        var plan = new WorkflowPlan(List.of("a", "slow", "quick", "after"), List.of(edge("a", "slow", EdgeType.ALWAYS),
                edge("a", "quick", EdgeType.ALWAYS), edge("slow", "after", EdgeType.ALWAYS)), ErrorHandling.FAIL_FAST);
        plan.start();
        plan.finished("a", true, ok("null"));
        var next = plan.finished("quick", false, FAILED);
        assertEquals(List.of("slow"), next.cancel(), "the running sibling is to be cancelled");
        assertEquals(List.of(), next.start());
        assertEquals(NodeState.CANCELLED, plan.states().get("after"));
        assertEquals(List.of(), plan.finished("slow", true, ok("null")).start(), "its late end decides nothing");
        assertTrue(plan.done());
        assertEquals("FAILURE", plan.status());
    }

    @Test
    void withContinueAnUnhandledFailureLetsOtherBranchesFinish() {
        var plan = new WorkflowPlan(List.of("a", "b", "c"), List.of(edge("a", "c", EdgeType.ON_SUCCESS)),
                ErrorHandling.CONTINUE);
        assertEquals(List.of("a", "b"), plan.start(), "independent nodes all start");
        assertEquals(List.of(), plan.finished("b", false, FAILED).cancel());
        assertEquals(List.of("c"), plan.finished("a", true, ok("null")).start());
        plan.finished("c", true, ok("null"));
        assertEquals("FAILURE", plan.status());
        assertFalse(plan.states().containsValue(NodeState.CANCELLED));
        assertEquals(JsonValue.NULL, plan.inputOf("a"), "a start node has no input from the workflow's nodes");
    }

    @Test
    void aPlanRestoredFromItsRecordedStepsGoesOnAsTheOriginalWould() throws Exception {
        List<String> nodes = List.of("a", "b", "c", "d");
        List<WorkflowPlan.Edge> edges = List.of(edge("a", "b", EdgeType.ON_FAILURE), when("a", "c", "exitCode == 0"),
                edge("b", "d", EdgeType.ALWAYS), edge("c", "d", EdgeType.ALWAYS));
        var original = new WorkflowPlan(nodes, edges, ErrorHandling.CONTINUE);
        original.start();
        original.finished("a", true, ok("{\"k\":\"v\"}"));
        var restored = WorkflowPlan.restore(nodes, edges, ErrorHandling.CONTINUE, Map.of(
                "a", new WorkflowPlan.Recorded(NodeState.SUCCEEDED, ok("{\"k\":\"v\"}")),
                "b", new WorkflowPlan.Recorded(NodeState.SKIPPED, null),
                "c", new WorkflowPlan.Recorded(NodeState.RUNNING, null)));
        assertEquals(original.states(), restored.states());
        assertEquals(original.inputOf("c"), restored.inputOf("c"));
        assertEquals(List.of("d"), restored.finished("c", true, ok("1")).start());
        assertEquals(Json.createValue(1), restored.inputOf("d"), "the skipped branch adds nothing to the join");
        restored.finished("d", true, ok("null"));
        assertEquals("SUCCESS", restored.status());
    }

    @Test
    void aRestoredUnhandledFailureStillFailsTheRun() {
        List<String> nodes = List.of("a", "b");
        List<WorkflowPlan.Edge> edges = List.of(edge("a", "b", EdgeType.ON_SUCCESS));
        var restored = WorkflowPlan.restore(nodes, edges, ErrorHandling.CONTINUE, Map.of(
                "a", new WorkflowPlan.Recorded(NodeState.FAILED, FAILED),
                "b", new WorkflowPlan.Recorded(NodeState.SKIPPED, null)));
        assertTrue(restored.done());
        assertEquals("FAILURE", restored.status());
    }
}
