package io.cronium.scheduling.entity;

/** What to do with schedule slots that passed while nothing could run them. */
public enum MisfirePolicy {
    SKIP, RUN_ONCE, RUN_ALL;

    /** The constant named {@code value}, or null when there is none (callers report it as a field error). */
    public static MisfirePolicy parse(String value) {
        for (var candidate : values()) {
            if (candidate.name().equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
