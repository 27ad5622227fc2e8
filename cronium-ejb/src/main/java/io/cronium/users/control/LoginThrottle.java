package io.cronium.users.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after too many failures for one username (or from one address) within a window,
 * further attempts are refused for a lockout period that doubles with each further failure, up to a maximum.
 * A correct password during the lockout is refused too, so guessing gains nothing. Kept in memory per node.
 */
public class LoginThrottle {

    private record Failures(int count, Instant firstAt, Instant lockedUntil) {
    }

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Duration baseLockout;
    private final Duration maxLockout;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxPerUser, int maxPerAddress, Duration window, Duration baseLockout, Duration maxLockout,
                         Clock clock) {
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.baseLockout = baseLockout;
        this.maxLockout = maxLockout;
        this.clock = clock;
    }

    /** How long the caller must wait before trying again; zero when an attempt is allowed now. */
    public Duration retryAfter(String username, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : keys(username, address)) {
            Failures f = failures.get(key);
            if (f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.lockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        record(userKey(username), maxPerUser, now);
        if (address != null) {
            record(addressKey(address), maxPerAddress, now);
        }
    }

    public void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private void record(String key, int max, Instant now) {
        failures.compute(key, (k, f) -> {
            if (f == null || f.firstAt().plus(window).isBefore(now) && (f.lockedUntil() == null || f.lockedUntil().isBefore(now))) {
                f = new Failures(0, now, null);
            }
            int count = f.count() + 1;
            Instant lockedUntil = f.lockedUntil();
            if (count >= max) {
                long factor = 1L << Math.min(20, count - max);
                Duration lockout = baseLockout.multipliedBy(factor);
                lockedUntil = now.plus(lockout.compareTo(maxLockout) > 0 ? maxLockout : lockout);
            }
            return new Failures(count, f.firstAt(), lockedUntil);
        });
    }

    private static String[] keys(String username, String address) {
        return address == null ? new String[]{userKey(username)} : new String[]{userKey(username), addressKey(address)};
    }

    private static String userKey(String username) {
        return "user:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
