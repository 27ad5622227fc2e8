package io.cronium.events.entity;

/** Lifecycle of an event; only ACTIVE events fire on their schedule. */
public enum EventStatus {
    DRAFT, ACTIVE, PAUSED, ARCHIVED;

    /** The constant named {@code value}, or null when there is none (callers report it as a field error). */
    public static EventStatus parse(String value) {
        for (var candidate : values()) {
            if (candidate.name().equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
