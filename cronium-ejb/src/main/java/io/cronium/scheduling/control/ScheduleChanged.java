package io.cronium.scheduling.control;

import java.time.Instant;
import java.util.Optional;

/** Fired when an event's next fire time was set, observed after commit to arm the precise timer. */
public record ScheduleChanged(long eventId, Optional<Instant> nextFireAt) {
}
