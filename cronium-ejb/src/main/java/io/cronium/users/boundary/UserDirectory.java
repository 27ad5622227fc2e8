package io.cronium.users.boundary;

import io.cronium.common.ConflictException;
import io.cronium.users.control.PasswordHasher;
import io.cronium.users.entity.Role;
import io.cronium.users.entity.User;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Looks users up and checks their passwords; the identity store and the token endpoint ask it. */
@Stateless
@PermitAll
public class UserDirectory {

    private final PasswordHasher hasher = new PasswordHasher();

    @PersistenceContext
    EntityManager em;

    public Optional<User> byUsername(String username) {
        return em.createNamedQuery(User.BY_USERNAME, User.class)
                .setParameter("username", username)
                .getResultStream().findFirst();
    }

    /** The enabled user with this name and password, or empty: callers cannot tell which part was wrong. */
    public Optional<User> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        return byUsername(username)
                .filter(User::isEnabled)
                .filter(u -> hasher.matches(password, u.getPasswordHash()));
    }

    public boolean isEmpty() {
        return em.createNamedQuery(User.COUNT, Long.class).getSingleResult() == 0;
    }

    public User create(String username, String password, Role role) {
        if (byUsername(username).isPresent()) {
            throw new ConflictException("user " + username + " exists already");
        }
        var user = new User(username, hasher.hash(password), role);
        em.persist(user);
        return user;
    }
}
