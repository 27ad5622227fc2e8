package io.cronium.workflows.control;

import io.cronium.common.Jsons;
import io.cronium.common.Condition;
import io.cronium.workflows.entity.EdgeType;
import io.cronium.workflows.entity.ErrorHandling;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a workflow as a state machine over its nodes, deciding what runs next as steps finish. The rules:
 * <ul>
 * <li>A node without incoming edges starts at once. An edge is <em>decided</em> when its source has ended: taken if
 *     its type allows (ALWAYS; ON_SUCCESS when the source succeeded; ON_FAILURE when it failed; ON_CONDITION when the
 *     condition holds on the source's exit code, status and output), not taken otherwise, and never taken from a
 *     source that was skipped or cancelled.</li>
 * <li>Join: a node runs once <em>all</em> its incoming edges are decided and <em>at least one</em> was taken; when
 *     all are decided and none was taken it is SKIPPED, which decides its own outgoing edges as not taken. So a
 *     skipped branch never blocks a join that another branch reaches, and never runs it by itself (the trap of
 *     Airflow's all_success with skipped upstreams).</li>
 * <li>Input: a node with one taken incoming edge gets its source's output; with several, an object of each source's
 *     output by node id.</li>
 * <li>A failure is <em>handled</em> when one of the failed node's outgoing edges is taken (ON_FAILURE, ALWAYS, a
 *     condition on it). An unhandled failure fails the workflow; with FAIL_FAST it also cancels every node that has
 *     not ended (those running are reported to be cancelled).</li>
 * </ul>
 */
public final class WorkflowPlan {

    public enum NodeState { PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED, CANCELLED }

    /** An edge of the plan, its condition parsed. */
    public record Edge(String from, String to, EdgeType type, Condition condition) {
    }

    /** What a finished step changed: nodes to start now, and (FAIL_FAST) running nodes to cancel. */
    public record Next(List<String> start, List<String> cancel) {
    }

    private final ErrorHandling errorHandling;
    private final Map<String, NodeState> states = new LinkedHashMap<>();
    private final Map<String, JsonValue> outputs = new LinkedHashMap<>();
    private final List<Edge> edges;
    /** Per edge index: null undecided, TRUE taken, FALSE not taken. */
    private final Boolean[] taken;
    private boolean unhandledFailure;

    public WorkflowPlan(List<String> nodes, List<Edge> edges, ErrorHandling errorHandling) {
        nodes.forEach(n -> states.put(n, NodeState.PENDING));
        this.edges = List.copyOf(edges);
        this.taken = new Boolean[edges.size()];
        this.errorHandling = errorHandling;
    }

    /** The nodes to start first (those without incoming edges); they are RUNNING from now on. */
    public List<String> start() {
        return readyNodes();
    }

    /** A node as a run recorded it: its state and, for one that ran to its end, the facts its edges decide on. */
    public record Recorded(NodeState state, Condition.Facts facts) {
    }

    /**
     * The plan of a run in progress, from its recorded steps (nodes not in {@code steps} are PENDING): edges of the
     * nodes that ended are decided again from their facts, so the plan needs no state of its own between steps.
     */
    public static WorkflowPlan restore(List<String> nodes, List<Edge> edges, ErrorHandling errorHandling,
                                       Map<String, Recorded> steps) {
        var plan = new WorkflowPlan(nodes, edges, errorHandling);
        steps.forEach((node, step) -> {
            plan.states.put(node, step.state());
            boolean ran = step.state() == NodeState.SUCCEEDED || step.state() == NodeState.FAILED;
            if (ran && !plan.decide(node, step.state() == NodeState.SUCCEEDED, step.facts())
                    && step.state() == NodeState.FAILED) {
                plan.unhandledFailure = true;
            }
        });
        return plan;
    }

    /** A step ended: {@code succeeded}, its exit code, status and output decide its outgoing edges. */
    public synchronized Next finished(String node, boolean succeeded, Condition.Facts facts) {
        if (states.get(node) == NodeState.CANCELLED) {
            return new Next(List.of(), List.of()); // cancelled meanwhile (FAIL_FAST): its end decides nothing
        }
        if (states.get(node) != NodeState.RUNNING) {
            throw new IllegalStateException("node " + node + " is " + states.get(node) + ", not RUNNING");
        }
        states.put(node, succeeded ? NodeState.SUCCEEDED : NodeState.FAILED);
        boolean handled = decide(node, succeeded, facts);
        if (!succeeded && !handled) {
            unhandledFailure = true;
            if (errorHandling == ErrorHandling.FAIL_FAST) {
                return new Next(List.of(), cancelRest());
            }
        }
        return new Next(readyNodes(), List.of());
    }

    /** Every node that has not ended is cancelled; returns those that were running. */
    public synchronized List<String> cancelRest() {
        List<String> running = new ArrayList<>();
        states.replaceAll((key, state) -> {
            if (state == NodeState.RUNNING) {
                running.add(key);
            }
            return state == NodeState.PENDING || state == NodeState.RUNNING ? NodeState.CANCELLED : state;
        });
        return running;
    }

    /** Decides the node's outgoing edges from how it ended; whether any was taken (a failure then is handled). */
    private boolean decide(String node, boolean succeeded, Condition.Facts facts) {
        outputs.put(node, facts == null || facts.output() == null ? JsonValue.NULL : facts.output());
        boolean anyTaken = false;
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            if (e.from().equals(node)) {
                taken[i] = switch (e.type()) {
                    case ALWAYS -> true;
                    case ON_SUCCESS -> succeeded;
                    case ON_FAILURE -> !succeeded;
                    case ON_CONDITION -> facts != null && e.condition().holds(facts);
                };
                anyTaken = anyTaken || taken[i];
            }
        }
        return anyTaken;
    }

    /** A node that was cancelled while running (by FAIL_FAST or by hand) ended without deciding anything. */
    public synchronized Next cancelled(String node) {
        if (states.get(node) == NodeState.RUNNING || states.get(node) == NodeState.PENDING) {
            states.put(node, NodeState.CANCELLED);
        }
        return new Next(readyNodes(), List.of());
    }

    /** Skips what can no longer run and returns the nodes that can, marking them RUNNING. */
    private List<String> readyNodes() {
        List<String> ready = new ArrayList<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var entry : states.entrySet()) {
                if (entry.getValue() != NodeState.PENDING) {
                    continue;
                }
                String node = entry.getKey();
                boolean allDecided = true;
                boolean anyTaken = false;
                boolean any = false;
                for (int i = 0; i < edges.size(); i++) {
                    if (edges.get(i).to().equals(node)) {
                        any = true;
                        Boolean decided = decided(i);
                        allDecided = allDecided && decided != null;
                        anyTaken = anyTaken || Boolean.TRUE.equals(decided);
                    }
                }
                if (!any || allDecided && anyTaken) {
                    entry.setValue(NodeState.RUNNING);
                    ready.add(node);
                } else if (allDecided) {
                    entry.setValue(NodeState.SKIPPED);
                    changed = true; // its outgoing edges are decided now: look again
                }
            }
        }
        return ready;
    }

    private Boolean decided(int edge) {
        NodeState source = states.get(edges.get(edge).from());
        return source == NodeState.SKIPPED || source == NodeState.CANCELLED ? Boolean.FALSE : taken[edge];
    }

    /** A node's input: the output of its one taken source, or each taken source's output by node id. */
    public synchronized JsonValue inputOf(String node) {
        Map<String, JsonValue> sources = new LinkedHashMap<>();
        for (int i = 0; i < edges.size(); i++) {
            if (edges.get(i).to().equals(node) && Boolean.TRUE.equals(taken[i])) {
                sources.put(edges.get(i).from(), outputs.get(edges.get(i).from()));
            }
        }
        if (sources.size() == 1) {
            return sources.values().iterator().next();
        }
        var merged = Jsons.createObjectBuilder();
        sources.forEach(merged::add);
        return sources.isEmpty() ? JsonValue.NULL : merged.build();
    }

    public synchronized Map<String, NodeState> states() {
        return new LinkedHashMap<>(states);
    }

    /** Whether every node has ended (succeeded, failed, skipped or cancelled). */
    public synchronized boolean done() {
        return states.values().stream().noneMatch(s -> s == NodeState.PENDING || s == NodeState.RUNNING);
    }

    /** FAILURE when a failure went unhandled, CANCELLED when a node was cancelled otherwise, else SUCCESS. */
    public synchronized String status() {
        if (unhandledFailure) {
            return "FAILURE";
        }
        return states.containsValue(NodeState.CANCELLED) ? "CANCELLED" : "SUCCESS";
    }
}
