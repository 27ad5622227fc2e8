package io.cronium.workflows.control;

import io.cronium.workflows.control.WorkflowPlan.NodeState;

/** A step's status as stored and shown (the words of run logs), and the plan's node state it stands for. */
final class StepStatus {

    private StepStatus() {
    }

    static String of(NodeState state) {
        return switch (state) {
            case PENDING -> "PENDING";
            case RUNNING -> "RUNNING";
            case SUCCEEDED -> "SUCCESS";
            case FAILED -> "FAILURE";
            case SKIPPED -> "SKIPPED";
            case CANCELLED -> "CANCELLED";
        };
    }

    static NodeState toState(String status) {
        return switch (status) {
            case "PENDING" -> NodeState.PENDING;
            case "RUNNING" -> NodeState.RUNNING;
            case "SUCCESS" -> NodeState.SUCCEEDED;
            case "FAILURE" -> NodeState.FAILED;
            case "SKIPPED" -> NodeState.SKIPPED;
            case "CANCELLED" -> NodeState.CANCELLED;
            default -> throw new IllegalStateException("unknown step status " + status);
        };
    }
}
