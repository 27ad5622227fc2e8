package io.cronium.variables.control;

import io.cronium.common.FieldError;
import io.cronium.security.Secrets;
import io.cronium.variables.entity.Variable;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A user's variables as a run sees them: read when it starts, changed by its setVariable calls when it ends. */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class VariableStore {

    /** All of a user's variables, decrypted; the secret values apart, for masking. */
    public record Snapshot(Map<String, String> values, Set<String> secretValues) {

        public static final Snapshot EMPTY = new Snapshot(Map.of(), Set.of());
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Secrets secrets;

    public Snapshot snapshot(long ownerId) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secret = new TreeSet<>();
        for (Variable v : mine(ownerId)) {
            if (v.isSecret()) {
                String plain = secrets.decrypt(v.getValueEncrypted(), VariableAad.of(ownerId, v.getKey()));
                values.put(v.getKey(), plain);
                secret.add(plain);
            } else {
                values.put(v.getKey(), v.getValue());
            }
        }
        return new Snapshot(values, secret);
    }

    /** One variable as it is stored now (for the helper API: another run may have changed it), decrypted. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public java.util.Optional<String> read(long ownerId, String key) {
        return em.createQuery("select v from Variable v where v.ownerId = :owner and v.key = :key", Variable.class)
                .setParameter("owner", ownerId).setParameter("key", key).getResultList().stream().findFirst()
                .map(v -> v.isSecret() ? secrets.decrypt(v.getValueEncrypted(), VariableAad.of(ownerId, key)) : v.getValue());
    }

    /**
     * Applies a run's setVariable calls (last value per key wins); a secret variable stays secret. Returns what was
     * refused and why, for the run's record.
     */
    public List<String> apply(long ownerId, Map<String, String> changes) {
        List<String> refused = new ArrayList<>();
        Map<String, Variable> existing = new LinkedHashMap<>();
        mine(ownerId).forEach(v -> existing.put(v.getKey(), v));
        changes.forEach((key, value) -> {
            List<FieldError> errors = VariableRules.check(key, value);
            if (!errors.isEmpty()) {
                refused.add("setVariable(" + shortened(key) + ") refused: " + errors.get(0).field() + " "
                        + errors.get(0).message());
                return;
            }
            Variable variable = existing.get(key);
            if (variable == null) {
                variable = new Variable(ownerId, key);
                variable.plain(value);
                em.persist(variable);
            } else if (variable.isSecret()) {
                variable.secret(secrets.encrypt(value, VariableAad.of(ownerId, key)));
            } else {
                variable.plain(value);
            }
        });
        return refused;
    }

    private List<Variable> mine(long ownerId) {
        return em.createQuery("select v from Variable v where v.ownerId = :owner order by v.key", Variable.class)
                .setParameter("owner", ownerId).getResultList();
    }

    private static String shortened(String key) {
        return key == null ? "null" : key.length() > 40 ? key.substring(0, 40) + "..." : key;
    }
}
