package io.cronium.logs.entity;

/** The outcome of a run as users see it. */
public enum LogStatus {
    PENDING, RUNNING, SUCCESS, FAILURE, TIMEOUT, PARTIAL, CANCELLED, MISSED;

    public boolean isFinal() {
        return this != PENDING && this != RUNNING;
    }

    public static LogStatus parse(String value) {
        for (var s : values()) {
            if (s.name().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
