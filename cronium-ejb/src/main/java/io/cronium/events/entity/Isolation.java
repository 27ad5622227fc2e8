package io.cronium.events.entity;

/**
 * Where a local run of a script happens. AUTO: in a container when this node reaches a Docker engine, otherwise as a
 * local process (if the administrator allows unsandboxed runs). CONTAINER and PROCESS insist on one of them.
 */
public enum Isolation {
    AUTO, CONTAINER, PROCESS;

    /** The constant named {@code value}, or null when there is none (callers report it as a field error). */
    public static Isolation parse(String value) {
        for (var candidate : values()) {
            if (candidate.name().equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
