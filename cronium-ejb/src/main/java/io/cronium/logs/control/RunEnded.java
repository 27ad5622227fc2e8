package io.cronium.logs.control;

import java.util.Map;

/**
 * A run's log reached its final status, in the transaction that wrote it (observed synchronously there: a workflow
 * decides its next steps in the same commit, so a step's end is never recorded without its consequences). For a
 * workflow step, {@code workflowVariables} holds what the script set of its run's variables.
 */
public record RunEnded(long logId, Map<String, String> workflowVariables) {

    public RunEnded {
        workflowVariables = Map.copyOf(workflowVariables);
    }
}
