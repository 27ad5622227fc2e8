package io.cronium.execution.container;

import io.cronium.execution.ExecutionRequest;
import java.util.Map;

/** The labels on everything a run creates on the engine, so a restarted node can find what it left behind. */
public final class ContainerLabels {

    public static final String EXECUTION = "io.cronium.execution";
    public static final String JOB = "io.cronium.job";
    public static final String ATTEMPT = "io.cronium.attempt";
    public static final String NODE = "io.cronium.node";
    public static final String INSTALLATION = "io.cronium.installation";

    private ContainerLabels() {
    }

    static Map<String, String> of(ExecutionRequest request, RunOwner owner) {
        return Map.of(EXECUTION, request.executionId(), JOB, Long.toString(request.jobId()),
                ATTEMPT, Integer.toString(request.attempt()), NODE, owner.node(), INSTALLATION, owner.installation());
    }

    /** The name of a run's container, volume and network: the execution id is unique, so a retry never collides. */
    static String name(ExecutionRequest request) {
        return "cronium-" + request.executionId();
    }
}
