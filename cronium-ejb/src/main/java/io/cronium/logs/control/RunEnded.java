package io.cronium.logs.control;

import io.cronium.jobs.control.FollowUp;
import java.util.List;
import java.util.Map;

/**
 * A run's log reached its final status, in the transaction that wrote it (observed synchronously there: a workflow
 * decides its next steps, and conditional actions start, in the same commit, so a run's end is never recorded
 * without its consequences). For a workflow step, {@code workflowVariables} holds what the script set of its run's
 * variables; {@code actions} are the conditional actions of the run's event snapshot.
 */
public record RunEnded(long logId, Map<String, String> workflowVariables, List<FollowUp> actions) {

    public RunEnded {
        workflowVariables = Map.copyOf(workflowVariables);
        actions = List.copyOf(actions);
    }

    /** A run that ended without running (cancelled before its start, skipped): it starts no actions. */
    public static RunEnded notRun(long logId) {
        return new RunEnded(logId, Map.of(), List.of());
    }
}
