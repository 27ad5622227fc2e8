package io.cronium.events.entity;

/** Lifecycle of an event; only ACTIVE events fire on their schedule. */
public enum EventStatus {
    DRAFT, ACTIVE, PAUSED, ARCHIVED;

    /** DRAFT -> ACTIVE <-> PAUSED, and any of them -> ARCHIVED, which is final. Staying put is always allowed. */
    public boolean canMoveTo(EventStatus target) {
        if (this == target) {
            return true;
        }
        return switch (this) {
            case DRAFT -> target == ACTIVE || target == ARCHIVED;
            case ACTIVE -> target == PAUSED || target == ARCHIVED;
            case PAUSED -> target == ACTIVE || target == ARCHIVED;
            case ARCHIVED -> false;
        };
    }

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
