package io.cronium.variables.boundary;

import io.cronium.audit.boundary.AuditTrail;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.platform.KeysetQuery;
import io.cronium.platform.Page;
import io.cronium.security.Secrets;
import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import io.cronium.variables.control.VariableAad;
import io.cronium.variables.control.VariableRules;
import io.cronium.variables.entity.Variable;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * The caller's own variables, by key (every user has a namespace of their own: another user's key is simply not
 * there). A secret value is stored encrypted and never returned.
 */
@Stateless
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
public class VariableService {

    @PersistenceContext
    EntityManager em;

    @Inject
    CallerResolver callers;

    @Inject
    Secrets secrets;

    @EJB
    AuditTrail audit;

    public Page<Variable> list(Long beforeId, int limit) {
        return new KeysetQuery<>(Variable.class, "v", beforeId)
                .where("v.ownerId = :owner", "owner", callers.current().userId())
                .page(em, limit, Variable::getId);
    }

    public Variable find(String key) {
        return own(callers.current().userId(), key).orElseThrow(() -> new ResourceNotFoundException("variable", key));
    }

    /** Creates or replaces; true if it was created. A secret stays secret unless {@code secret} is false. */
    @RolesAllowed({"USER", "ADMIN"})
    public boolean put(String key, VariableDraft draft) {
        var errors = VariableRules.check(key, draft == null ? null : draft.value());
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Caller caller = callers.current();
        Optional<Variable> existing = own(caller.userId(), key);
        Variable variable = existing.orElseGet(() -> new Variable(caller.userId(), key));
        boolean secret = draft.secret() != null ? draft.secret() : existing.map(Variable::isSecret).orElse(false);
        if (secret) {
            variable.secret(secrets.encrypt(draft.value(), VariableAad.of(caller.userId(), key)));
            audit.record(caller.username(), "SECRET_VARIABLE_SET", "variable:" + key, existing.isEmpty() ? "created" : "changed");
        } else {
            variable.plain(draft.value());
        }
        if (existing.isEmpty()) {
            em.persist(variable);
        }
        return existing.isEmpty();
    }

    @RolesAllowed({"USER", "ADMIN"})
    public void delete(String key) {
        Caller caller = callers.current();
        Variable variable = find(key);
        em.remove(variable);
        if (variable.isSecret()) {
            audit.record(caller.username(), "SECRET_VARIABLE_DELETED", "variable:" + key, null);
        }
    }

    private Optional<Variable> own(long ownerId, String key) {
        List<Variable> found = em.createQuery("select v from Variable v where v.ownerId = :owner and v.key = :key",
                        Variable.class)
                .setParameter("owner", ownerId).setParameter("key", key).getResultList();
        return found.stream().findFirst();
    }
}
