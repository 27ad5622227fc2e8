package io.cronium.users.control;

import io.cronium.platform.SlidingWindowLimit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
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

    private SlidingWindowLimit limit;

    @PostConstruct
    void init() {
        limit = new SlidingWindowLimit(maxPerAddress, Duration.ofSeconds(windowSeconds), Clock.systemUTC());
    }

    /** Counts a request from {@code address}; how long to wait before the next one is allowed (zero: allowed now). */
    public Duration admit(String address) {
        return address == null ? Duration.ZERO : limit.admit(address);
    }
}
