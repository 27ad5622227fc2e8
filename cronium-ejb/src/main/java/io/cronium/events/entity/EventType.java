package io.cronium.events.entity;

/** What an event runs. */
public enum EventType {
    BASH, PYTHON, NODE, HTTP, TOOL;

    /** The constant named {@code value}, or null when there is none (callers report it as a field error). */
    public static EventType parse(String value) {
        for (var candidate : values()) {
            if (candidate.name().equals(value)) {
                return candidate;
            }
        }
        return null;
    }
}
