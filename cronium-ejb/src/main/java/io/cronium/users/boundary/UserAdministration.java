package io.cronium.users.boundary;

import io.cronium.audit.boundary.AuditTrail;
import io.cronium.common.ConflictException;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.platform.KeysetQuery;
import io.cronium.platform.Page;
import io.cronium.users.control.PasswordHasher;
import io.cronium.users.control.UserValidator;
import io.cronium.users.entity.Permission;
import io.cronium.users.entity.Role;
import io.cronium.users.entity.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

/** Administrators manage users and their roles; every change is audited. */
@Stateless
@RolesAllowed("ADMIN")
public class UserAdministration {

    private final UserValidator validator = new UserValidator();
    private final PasswordHasher hasher = new PasswordHasher();

    @PersistenceContext
    EntityManager em;

    @EJB
    UserDirectory directory;

    @EJB
    CallerResolver callers;

    @EJB
    AuditTrail audit;

    public User create(UserDraft draft) {
        var errors = validator.forCreate(draft);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        User user = directory.create(draft.username(), draft.password(), Role.valueOf(draft.role()));
        if (draft.email() != null && !draft.email().isEmpty()) {
            user.changeEmail(draft.email());
        }
        if (Boolean.FALSE.equals(draft.enabled())) {
            user.enable(false);
        }
        if (draft.permissions() != null) {
            user.grant(Permission.parse(String.join(",", draft.permissions())));
        }
        audit.record(callers.current().username(), "USER_CREATED", "user:" + user.getUsername(), "role " + draft.role());
        return user;
    }

    public Page<User> list(Long beforeId, int limit) {
        return new KeysetQuery<>(User.class, "u", beforeId).page(em, limit, User::getId);
    }

    public User find(long id) {
        User user = em.find(User.class, id);
        if (user == null) {
            throw new ResourceNotFoundException("user", id);
        }
        return user;
    }

    public User update(long id, UserDraft draft) {
        var errors = validator.forUpdate(draft);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        User user = find(id);
        String actor = callers.current().username();
        if (draft.username() != null && !draft.username().equals(user.getUsername())) {
            throw new InvalidInputException("username", "cannot be changed");
        }
        if (draft.role() != null && Role.valueOf(draft.role()) != user.getRole()) {
            requireAnotherAdminIfDemoting(user, Role.valueOf(draft.role()));
            audit.record(actor, "ROLE_CHANGED", "user:" + user.getUsername(), user.getRole() + " -> " + draft.role());
            user.changeRole(Role.valueOf(draft.role()));
        }
        if (draft.password() != null) {
            user.changePassword(hasher.hash(draft.password()));
            audit.record(actor, "PASSWORD_CHANGED", "user:" + user.getUsername(), null);
        }
        if (draft.email() != null) {
            user.changeEmail(draft.email().isEmpty() ? null : draft.email());
        }
        if (draft.permissions() != null) {
            var granted = Permission.parse(String.join(",", draft.permissions()));
            audit.record(actor, "PERMISSIONS_CHANGED", "user:" + user.getUsername(), Permission.format(granted));
            user.grant(granted);
        }
        if (draft.enabled() != null && draft.enabled() != user.isEnabled()) {
            if (!draft.enabled()) {
                requireAnotherAdminIfDemoting(user, null);
            }
            user.enable(draft.enabled());
            audit.record(actor, draft.enabled() ? "USER_ENABLED" : "USER_DISABLED", "user:" + user.getUsername(), null);
        }
        return user;
    }

    public void delete(long id) {
        User user = find(id);
        if (user.getUsername().equals(callers.current().username())) {
            throw new ConflictException("you cannot delete your own account");
        }
        long owned = em.createQuery("select count(e) from Event e where e.ownerId = :owner", Long.class)
                .setParameter("owner", id).getSingleResult();
        if (owned > 0) {
            throw new ConflictException("user " + user.getUsername() + " owns " + owned
                    + " events: delete or reassign them first, or disable the user instead");
        }
        em.createQuery("delete from RunLog l where l.ownerId = :owner").setParameter("owner", id).executeUpdate();
        em.remove(user);
        try {
            em.flush();
        } catch (PersistenceException stillReferenced) {
            throw new ConflictException("user " + user.getUsername()
                    + " still owns servers, workflows or credentials: remove them first, or disable the user instead");
        }
        audit.record(callers.current().username(), "USER_DELETED", "user:" + user.getUsername(), null);
    }

    /** There must always be an enabled administrator left, or nobody could manage Cronium any more. */
    private void requireAnotherAdminIfDemoting(User user, Role newRole) {
        if (user.getRole() != Role.ADMIN || newRole == Role.ADMIN) {
            return;
        }
        long otherAdmins = em.createQuery("select count(u) from User u where u.role = :admin and u.enabled = true and u.id <> :id", Long.class)
                .setParameter("admin", Role.ADMIN).setParameter("id", user.getId()).getSingleResult();
        if (otherAdmins == 0) {
            throw new ConflictException("user " + user.getUsername() + " is the last enabled administrator");
        }
    }
}
