package io.cronium.jobs.control;

import io.cronium.common.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow step a job runs: its workflow, run and node, and the run's workflow variables as they were when the
 * step was queued (the script reads them; what it sets of them goes back to the run when it ends).
 */
public record WorkflowStepRef(long workflowId, long executionId, String node, Map<String, String> variables) {

    public WorkflowStepRef {
        variables = Map.copyOf(variables);
    }

    /** Which of a script's variable changes are the run's (the rest are the user's own variables). */
    public Map<String, String> ownChanges(Map<String, String> changes) {
        Map<String, String> ours = new LinkedHashMap<>();
        changes.forEach((k, v) -> {
            if (variables.containsKey(k)) {
                ours.put(k, v);
            }
        });
        return ours;
    }

    void writeTo(JsonObjectBuilder json) {
        var vars = Jsons.createObjectBuilder();
        variables.forEach(vars::add);
        json.add("workflowStep", Jsons.createObjectBuilder().add("workflowId", workflowId)
                .add("executionId", executionId).add("node", node).add("variables", vars));
    }

    static WorkflowStepRef readFrom(JsonObject json) {
        JsonObject step = json.getJsonObject("workflowStep");
        if (step == null) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        step.getJsonObject("variables").forEach((k, v) -> vars.put(k, ((JsonString) v).getString()));
        return new WorkflowStepRef(step.getJsonNumber("workflowId").longValue(),
                step.getJsonNumber("executionId").longValue(), step.getString("node"), vars);
    }
}
