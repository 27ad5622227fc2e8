package io.cronium.users.boundary;

import io.cronium.audit.boundary.AuditTrail;
import io.cronium.platform.RequestOrigin;
import io.cronium.users.control.LoginGate;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;

/** Password logins for the API and the console: throttled, audited, and silent about which part was wrong. */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class UserAuthentication {

    @EJB
    UserDirectory users;

    @EJB
    AuditTrail audit;

    @Inject
    LoginGate gate;

    @Inject
    RequestOrigin origin;

    public LoginResult login(String username, String password) {
        String address = RequestOrigin.addressOf(origin);
        Duration wait = gate.throttle().retryAfter(username, address);
        if (!wait.isZero()) {
            audit.record(username, "LOGIN_THROTTLED", "user:" + username, null);
            return new LoginResult.Throttled(wait);
        }
        var user = users.authenticate(username, password);
        if (user.isEmpty()) {
            gate.throttle().failed(username, address);
            audit.record(username, "LOGIN_FAILED", "user:" + username, null);
            return new LoginResult.Refused();
        }
        gate.throttle().succeeded(username);
        audit.record(username, "LOGIN_SUCCEEDED", "user:" + username, null);
        return new LoginResult.Accepted(user.get());
    }

    /** The wait the throttle imposes on this username from this address now (zero when none). */
    public Duration retryAfter(String username) {
        return gate.throttle().retryAfter(username, RequestOrigin.addressOf(origin));
    }
}
