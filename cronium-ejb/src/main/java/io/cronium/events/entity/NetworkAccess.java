package io.cronium.events.entity;

/** The network a containerised run gets: none at all (only loopback), or a bridge network of its own. */
public enum NetworkAccess {
    NONE, PER_RUN;

    /** The constant named {@code value}, or null when there is none (callers report it as a field error). */
    public static NetworkAccess parse(String value) {
        for (var candidate : values()) {
            if (candidate.name().equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
