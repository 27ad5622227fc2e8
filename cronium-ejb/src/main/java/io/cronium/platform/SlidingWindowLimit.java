package io.cronium.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most {@code max} requests per key in any window of {@code window}, counted in memory on this node. */
public final class SlidingWindowLimit {

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> requests = new ConcurrentHashMap<>();

    public SlidingWindowLimit(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    /** Counts a request under {@code key}; how long to wait before the next one is allowed (zero: allowed now). */
    public Duration admit(String key) {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        Deque<Instant> recent = requests.computeIfAbsent(key, a -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && recent.peekFirst().isBefore(since)) {
                recent.pollFirst();
            }
            if (recent.size() >= max) {
                return Duration.between(since, recent.peekFirst()).plusSeconds(1);
            }
            recent.addLast(now);
            return Duration.ZERO;
        }
    }
}
