package io.cronium.users.boundary;

import io.cronium.audit.boundary.AuditTrail;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.users.control.TokenHash;
import io.cronium.users.entity.ApiToken;
import io.cronium.users.entity.User;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** User-created API tokens: shown once, stored as a hash, revocable, with their last use. */
@Stateless
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
public class ApiTokens {

    @PersistenceContext
    EntityManager em;

    @EJB
    CallerResolver callers;

    @EJB
    AuditTrail audit;

    public IssuedApiToken issue(String name, Instant expiresAt) {
        Caller caller = callers.current();
        if (name == null || name.isBlank() || name.length() > 128) {
            throw new InvalidInputException("name", "is required, at most 128 characters");
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new InvalidInputException("expiresAt", "must be in the future");
        }
        String token = TokenHash.newToken();
        var row = new ApiToken(caller.userId(), name.trim(), TokenHash.of(token), expiresAt);
        em.persist(row);
        em.flush();
        audit.record(caller.username(), "TOKEN_CREATED", "token:" + row.getId(), name.trim());
        return new IssuedApiToken(row.getId(), row.getName(), token, expiresAt);
    }

    public List<ApiToken> mine() {
        return em.createNamedQuery(ApiToken.OF_USER, ApiToken.class).setParameter("user", callers.current().userId())
                .getResultList();
    }

    public void revoke(long id) {
        Caller caller = callers.current();
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null || !caller.canSee(token.getUserId())) {
            throw new ResourceNotFoundException("token", id);
        }
        token.revoke(Instant.now());
        audit.record(caller.username(), "TOKEN_REVOKED", "token:" + id, token.getName());
    }

    /** The enabled user a presented token belongs to, if the token exists, is not revoked and has not expired. */
    @PermitAll
    public Optional<User> authenticate(String token) {
        Instant now = Instant.now();
        return em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class).setParameter("hash", TokenHash.of(token))
                .getResultStream().findFirst()
                .filter(t -> t.isUsable(now))
                .flatMap(t -> {
                    t.markUsed(now);
                    return Optional.ofNullable(em.find(User.class, t.getUserId())).filter(User::isEnabled);
                });
    }
}
