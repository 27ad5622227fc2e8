package io.cronium.users.boundary;

import io.cronium.audit.boundary.AuditTrail;
import io.cronium.common.InvalidInputException;
import io.cronium.users.control.LoginGate;
import io.cronium.users.control.PasswordHasher;
import io.cronium.platform.RequestOrigin;
import io.cronium.users.control.ResetMail;
import io.cronium.users.control.ResetRequestLimit;
import io.cronium.users.control.TokenHash;
import io.cronium.users.control.UserValidator;
import io.cronium.users.entity.PasswordResetToken;
import io.cronium.users.entity.User;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * "Forgot password": a single-use link by e-mail, valid one hour. The request answers the same whether or not the
 * account exists, so it cannot be used to find out who has an account. At most {@value #MAX_OPEN_PER_USER} links of an
 * account are open at a time (further requests send nothing, silently), and one address may ask only so often
 * ({@link ResetRequestLimit}).
 */
@Stateless
@PermitAll
public class PasswordResets {

    static final Duration VALIDITY = Duration.ofHours(1);
    static final int MAX_OPEN_PER_USER = 3;
    private static final Logger LOG = Logger.getLogger(PasswordResets.class.getName());

    private final PasswordHasher hasher = new PasswordHasher();
    private final UserValidator validator = new UserValidator();

    @PersistenceContext
    EntityManager em;

    @Inject
    ResetMail mail;

    @Inject
    LoginGate gate;

    @Inject
    ResetRequestLimit limit;

    @Inject
    RequestOrigin origin;

    @EJB
    AuditTrail audit;

    public boolean isAvailable() {
        return mail.isConfigured();
    }

    /** Sends a link if the account exists; how long the caller's address must wait first (zero: it was asked). */
    public Duration request(String login) {
        if (login == null || login.isBlank()) {
            throw new InvalidInputException("login", "give your username or e-mail address");
        }
        Duration wait = limit.admit(RequestOrigin.addressOf(origin));
        if (!wait.isZero()) {
            audit.record(login, "PASSWORD_RESET_THROTTLED", "address", "too many requests from this address");
            return wait;
        }
        User user = em.createQuery("select u from User u where u.username = :login or lower(u.email) = lower(:login)", User.class)
                .setParameter("login", login.trim()).getResultStream().findFirst().orElse(null);
        if (user == null || !user.isEnabled() || user.getEmail() == null) {
            audit.record(login, "PASSWORD_RESET_REQUESTED", "unknown", "no enabled account with an e-mail address");
            return Duration.ZERO;
        }
        long open = em.createQuery("select count(t) from PasswordResetToken t where t.userId = :user"
                        + " and t.usedAt is null and t.expiresAt > :now", Long.class)
                .setParameter("user", user.getId()).setParameter("now", Instant.now()).getSingleResult();
        if (open >= MAX_OPEN_PER_USER) {
            audit.record(user.getUsername(), "PASSWORD_RESET_THROTTLED", "user:" + user.getUsername(),
                    open + " links still open: no further mail");
            return Duration.ZERO;
        }
        String token = TokenHash.newToken();
        em.persist(new PasswordResetToken(user.getId(), TokenHash.of(token), Instant.now().plus(VALIDITY)));
        audit.record(user.getUsername(), "PASSWORD_RESET_REQUESTED", "user:" + user.getUsername(), null);
        try {
            mail.send(user.getEmail(), user.getUsername(), token);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not send the password reset e-mail of user " + user.getUsername() + ": " + e.getMessage());
        }
        return Duration.ZERO;
    }

    public void complete(String token, String newPassword) {
        if (newPassword == null) {
            throw new InvalidInputException("password", "is required");
        }
        var errors = validator.forUpdate(new UserDraft(null, newPassword, null, null, null, null));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = Instant.now();
        PasswordResetToken reset = token == null ? null
                : em.createQuery("select t from PasswordResetToken t where t.tokenHash = :hash", PasswordResetToken.class)
                        .setParameter("hash", TokenHash.of(token)).getResultStream().findFirst().orElse(null);
        if (reset == null || !reset.isUsable(now)) {
            throw new InvalidInputException("token", "the reset link is invalid, expired or already used: ask for a new one");
        }
        User user = em.find(User.class, reset.getUserId());
        user.changePassword(hasher.hash(newPassword));
        em.createQuery("update PasswordResetToken t set t.usedAt = :now where t.userId = :user and t.usedAt is null")
                .setParameter("now", now).setParameter("user", user.getId()).executeUpdate();
        gate.throttle().succeeded(user.getUsername());
        audit.record(user.getUsername(), "PASSWORD_RESET_COMPLETED", "user:" + user.getUsername(), null);
    }
}
