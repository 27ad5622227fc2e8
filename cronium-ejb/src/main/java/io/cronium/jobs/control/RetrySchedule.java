package io.cronium.jobs.control;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed attempt is tried again: exponential backoff from a base delay, capped, with "equal jitter" (a
 * random point in the upper half of the delay) so that runs failing together do not retry in lockstep.
 */
public record RetrySchedule(int retries, int baseDelaySeconds, int maxDelaySeconds) {

    public static final RetrySchedule NONE = new RetrySchedule(0, 10, 600);

    /** Whether the attempt that just failed may be followed by another (attempts count from 1). */
    public boolean allowsRetryAfter(int failedAttempt) {
        return failedAttempt <= retries;
    }

    /** The wait before the attempt after {@code failedAttempt}: base * 2^(failedAttempt-1), capped, jittered. */
    public Duration delayAfter(int failedAttempt, RandomGenerator random) {
        long capMillis = maxDelaySeconds * 1000L;
        long exponential = baseDelaySeconds * 1000L << Math.min(Math.max(failedAttempt - 1, 0), 30);
        long delay = Math.min(capMillis, exponential <= 0 ? capMillis : exponential);
        long half = delay / 2;
        return Duration.ofMillis(half + random.nextLong(delay - half + 1));
    }
}
