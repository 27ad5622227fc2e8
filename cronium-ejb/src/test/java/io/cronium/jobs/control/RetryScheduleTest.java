package io.cronium.jobs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(3, 10, 60);

    @Test
    void retriesCountAfterTheFirstAttempt() {
        assertTrue(schedule.allowsRetryAfter(1));
        assertTrue(schedule.allowsRetryAfter(3));
        assertFalse(schedule.allowsRetryAfter(4), "3 retries: 4 attempts in all");
        assertFalse(RetrySchedule.NONE.allowsRetryAfter(1));
    }

    @Test
    void theDelayDoublesUpToTheCapWithJitterInItsUpperHalf() {
        var random = new Random(42);
        long[] ceilings = {10_000, 20_000, 40_000, 60_000, 60_000, 60_000};
        for (int attempt = 1; attempt <= ceilings.length; attempt++) {
            for (int i = 0; i < 200; i++) {
                long delay = schedule.delayAfter(attempt, random).toMillis();
                long ceiling = ceilings[attempt - 1];
                assertTrue(delay >= ceiling / 2 && delay <= ceiling, "attempt " + attempt + ": " + delay);
            }
        }
    }

    @Test
    void jitterSpreadsRunsThatFailedTogether() {
        var random = new Random(7);
        Set<Duration> delays = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            delays.add(schedule.delayAfter(2, random));
        }
        assertTrue(delays.size() > 40, "50 runs retry at " + delays.size() + " different times");
    }

    @Test
    void aHugeAttemptNumberStaysAtTheCap() {
        assertEquals(60_000, schedule.delayAfter(1000, new Random(1) {
            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        }).toMillis());
    }
}
