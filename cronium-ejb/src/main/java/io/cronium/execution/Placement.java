package io.cronium.execution;

import io.cronium.events.entity.EventType;
import io.cronium.events.entity.Isolation;

/**
 * Where a run goes, or why it cannot run here: HTTP events to the HTTP executor; scripts to a container or a local
 * process as the event's isolation asks, where AUTO prefers a container whenever the engine answers, and a local
 * process only where the administrator allows unsandboxed runs.
 */
record Placement(Kind kind, String refusal) {

    enum Kind { HTTP, CONTAINER, PROCESS }

    static Placement of(EventType type, ExecutionSpec spec, boolean engineAnswers, boolean processesAllowed,
                        String engineHost) {
        if (type == EventType.HTTP) {
            return spec.http().isDefined() ? new Placement(Kind.HTTP, null) : refused("the HTTP event has no request");
        }
        if (Interpreter.of(type) == null) {
            return refused("no executor on this node can run " + type + " events");
        }
        Isolation isolation = spec.isolation();
        if (isolation != Isolation.PROCESS && engineAnswers) {
            return new Placement(Kind.CONTAINER, null);
        }
        if (isolation == Isolation.CONTAINER) {
            return refused("the event runs only in a container, and no Docker engine answers at " + engineHost
                    + " on this node");
        }
        if (!processesAllowed) {
            return refused((isolation == Isolation.AUTO ? "no Docker engine answers at " + engineHost + ", and " : "")
                    + "the administrator forbids unsandboxed local processes (CRONIUM_ALLOW_UNSANDBOXED=false)");
        }
        return new Placement(Kind.PROCESS, null);
    }

    private static Placement refused(String reason) {
        return new Placement(null, reason);
    }
}
