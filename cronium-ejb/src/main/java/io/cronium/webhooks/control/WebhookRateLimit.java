package io.cronium.webhooks.control;

import io.cronium.platform.SlidingWindowLimit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Calls per webhook key and minute ({@code cronium.webhooks.max-per-minute}, 60), per node; beyond it: 429. */
@ApplicationScoped
public class WebhookRateLimit {

    @Inject
    @ConfigProperty(name = "cronium.webhooks.max-per-minute", defaultValue = "60")
    int maxPerMinute;

    private SlidingWindowLimit limit;

    @PostConstruct
    void init() {
        limit = new SlidingWindowLimit(maxPerMinute, Duration.ofMinutes(1), Clock.systemUTC());
    }

    /** Counts a call; how long to wait before the next is allowed (zero: allowed now). */
    public Duration admit(String keyHash) {
        return limit.admit(keyHash);
    }
}
