package io.cronium.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This node's login throttle, configured from MicroProfile Config. */
@ApplicationScoped
public class LoginGate {

    @Inject
    @ConfigProperty(name = "cronium.login.max-failures", defaultValue = "5")
    int maxPerUser;

    @Inject
    @ConfigProperty(name = "cronium.login.max-failures-per-address", defaultValue = "50")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "cronium.login.lockout-seconds", defaultValue = "60")
    long lockoutSeconds;

    private LoginThrottle throttle;

    @PostConstruct
    void init() {
        throttle = new LoginThrottle(maxPerUser, maxPerAddress, Duration.ofMinutes(15), Duration.ofSeconds(lockoutSeconds),
                Duration.ofMinutes(15), Clock.systemUTC());
    }

    public LoginThrottle throttle() {
        return throttle;
    }
}
