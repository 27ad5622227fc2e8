package io.cronium.events.entity;

/** LOCAL runs on this node (container or process), REMOTE over SSH on the event's servers. */
public enum RunLocation {
    LOCAL, REMOTE;

    /** The constant named {@code value}, or null when there is none (callers report it as a field error). */
    public static RunLocation parse(String value) {
        for (var candidate : values()) {
            if (candidate.name().equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
