package io.cronium.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many password reset requests one address may make in a window ({@code cronium.password-reset.max-per-address},
 * 10 per {@code cronium.password-reset.address-window-seconds}, an hour), whatever accounts they name: a flood of
 * reset mails is refused without telling which accounts exist. Kept in memory per node.
 */
@ApplicationScoped
public class ResetRequestLimit {

    @Inject
    @ConfigProperty(name = "cronium.password-reset.max-per-address", defaultValue = "10")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "cronium.password-reset.address-window-seconds", defaultValue = "3600")
    long windowSeconds;

    private final Map<String, Deque<Instant>> requests = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** Counts a request from {@code address}; how long to wait before the next one is allowed (zero: allowed now). */
    public Duration admit(String address) {
        if (address == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        Instant since = now.minusSeconds(windowSeconds);
        Deque<Instant> recent = requests.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && recent.peekFirst().isBefore(since)) {
                recent.pollFirst();
            }
            if (recent.size() >= maxPerAddress) {
                return Duration.between(since, recent.peekFirst()).plusSeconds(1);
            }
            recent.addLast(now);
            return Duration.ZERO;
        }
    }
}
