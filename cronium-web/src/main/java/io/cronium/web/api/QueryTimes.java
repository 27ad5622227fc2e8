package io.cronium.web.api;

import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Time query parameters: ISO-8601 with an offset, or a 400 that shows the expected form. */
final class QueryTimes {

    private QueryTimes() {
    }

    static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 time with offset, e.g. 2026-01-31T12:00:00Z");
        }
    }
}
