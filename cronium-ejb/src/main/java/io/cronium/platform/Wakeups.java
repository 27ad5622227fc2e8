package io.cronium.platform;

import java.time.Instant;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Which precise wake-ups a bean has armed with its TimerService. Payara delivers no timer sooner than its minimum
 * delivery interval (1 s by default, measured) after creation, so an instant nearer than that is not armed (the
 * bean's one-second heartbeat covers it), nor one too far ahead (a later heartbeat arms it, with fresher data).
 */
public final class Wakeups {

    private final long minimumDelayMillis;
    private final long windowMillis;
    private final ConcurrentSkipListSet<Instant> armed = new ConcurrentSkipListSet<>();

    public Wakeups(long minimumDelayMillis, long windowMillis) {
        this.minimumDelayMillis = minimumDelayMillis;
        this.windowMillis = windowMillis;
    }

    /** Whether to arm a timer for {@code at} now; if so it counts as armed until {@link #fired}. */
    public boolean shouldArm(Instant at, long nowMillis) {
        long delay = at.toEpochMilli() - nowMillis;
        return delay >= minimumDelayMillis && delay <= minimumDelayMillis + windowMillis && armed.add(at);
    }

    public void fired(Instant at) {
        armed.remove(at);
    }
}
