package io.cronium.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    static class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final MovableClock clock = new MovableClock();
    final LoginThrottle throttle = new LoginThrottle(3, 10, Duration.ofMinutes(15), Duration.ofSeconds(60),
            Duration.ofMinutes(15), clock);

    @Test
    void aUserIsLockedAfterTheMaximumOfFailuresAndFreedAfterTheLockout() {
        throttle.failed("Alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertEquals(Duration.ZERO, throttle.retryAfter("alice", "10.0.0.1"));
        throttle.failed("alice", "10.0.0.1");
        assertEquals(Duration.ofSeconds(60), throttle.retryAfter("ALICE", "10.0.0.2"), "usernames are case-insensitive");
        clock.advance(Duration.ofSeconds(61));
        assertEquals(Duration.ZERO, throttle.retryAfter("alice", "10.0.0.1"));
    }

    @Test
    void eachFailureAfterTheLockoutDoublesItUpToTheMaximum() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("bob", null);
        }
        clock.advance(Duration.ofSeconds(61));
        throttle.failed("bob", null);
        assertEquals(Duration.ofSeconds(120), throttle.retryAfter("bob", null));
        for (int i = 0; i < 10; i++) {
            throttle.failed("bob", null);
        }
        assertEquals(Duration.ofMinutes(15), throttle.retryAfter("bob", null));
    }

    @Test
    void aSuccessClearsTheUsersFailures() {
        throttle.failed("carol", null);
        throttle.failed("carol", null);
        throttle.succeeded("carol");
        throttle.failed("carol", null);
        throttle.failed("carol", null);
        assertEquals(Duration.ZERO, throttle.retryAfter("carol", null));
    }

    @Test
    void oneAddressSprayingManyUsernamesIsLockedToo() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("user" + i, "10.6.6.6");
        }
        assertTrue(throttle.retryAfter("someone-new", "10.6.6.6").toSeconds() > 0);
        assertEquals(Duration.ZERO, throttle.retryAfter("someone-new", "10.0.0.9"));
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        throttle.failed("dave", null);
        throttle.failed("dave", null);
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("dave", null);
        assertEquals(Duration.ZERO, throttle.retryAfter("dave", null));
    }
}
