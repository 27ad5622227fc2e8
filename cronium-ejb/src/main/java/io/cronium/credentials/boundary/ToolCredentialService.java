package io.cronium.credentials.boundary;

import io.cronium.audit.boundary.AuditTrail;
import io.cronium.common.ConflictException;
import io.cronium.common.FieldError;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.credentials.control.CredentialRules;
import io.cronium.credentials.control.CredentialValues;
import io.cronium.credentials.entity.ToolCredential;
import io.cronium.platform.KeysetQuery;
import io.cronium.platform.Page;
import io.cronium.security.EncryptedColumn;
import io.cronium.security.SecretCipher;
import io.cronium.security.Secrets;
import io.cronium.tools.control.ToolCatalog;
import io.cronium.tools.control.ToolPlugin;
import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import io.cronium.users.entity.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tool credentials, each scoped to its owner: made, changed and deleted by holders of USE_TOOL_CREDENTIALS. The
 * fields are checked against the plugin, encrypted as one JSON object bound to the row, and only the plain fields
 * are ever shown again.
 */
@Stateless
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
public class ToolCredentialService {

    static final int MAX_NAME = 128;

    @PersistenceContext
    EntityManager em;

    @EJB
    CallerResolver callers;

    @EJB
    AuditTrail audit;

    @Inject
    Secrets secrets;

    @RolesAllowed({"USER", "ADMIN"})
    public StoredCredential create(ToolCredentialDraft draft) {
        Caller caller = callers.current();
        caller.require(Permission.USE_TOOL_CREDENTIALS);
        if (draft == null) {
            throw new InvalidInputException("pluginId", "give pluginId, name and credentials");
        }
        ToolPlugin plugin = plugin(draft.pluginId());
        String name = checkedName(draft.name(), plugin, draft.credentials() == null);
        CredentialValues values = checked(plugin, draft.credentials(), CredentialValues.none());
        refuseNamesake(caller.userId(), name, null);
        var credential = new ToolCredential(caller.userId(), plugin.id(), name, "-");
        em.persist(credential);
        em.flush(); // the id binds the ciphertext to this row
        credential.credentials(encrypt(values, credential));
        audit.record(caller.username(), "TOOL_CREDENTIAL_CREATED", "tool-credential:" + credential.getId(),
                plugin.id() + " '" + name + "'");
        return StoredCredential.of(credential, plugin, values);
    }

    /** Renames and/or changes fields; a secret field left out keeps its value. The plugin cannot change. */
    @RolesAllowed({"USER", "ADMIN"})
    public StoredCredential update(long id, ToolCredentialDraft draft) {
        Caller caller = callers.current();
        ToolCredential credential = visible(id);
        caller.require(Permission.USE_TOOL_CREDENTIALS);
        ToolPlugin plugin = plugin(credential.getPluginId());
        if (draft == null) {
            throw new InvalidInputException("name", "give name and/or credentials");
        }
        if (draft.pluginId() != null && !draft.pluginId().equals(plugin.id())) {
            throw new InvalidInputException("pluginId", "a credential stays with its plugin (" + plugin.id()
                    + "): create a new one for " + draft.pluginId());
        }
        String name = draft.name() == null ? credential.getName() : checkedName(draft.name(), plugin, false);
        CredentialValues stored;
        try {
            stored = decrypt(credential);
        } catch (SecretCipher.SecretDecryptionException e) {
            stored = CredentialValues.none(); // unreadable: a change must give every field again
        }
        CredentialValues values = draft.credentials() == null ? stored : checked(plugin, draft.credentials(), stored);
        refuseNamesake(credential.getOwnerId(), name, id);
        credential.rename(name);
        List<String> changed = changedFields(stored, values);
        if (!changed.isEmpty()) {
            credential.credentials(encrypt(values, credential));
            audit.record(caller.username(), "TOOL_CREDENTIAL_CHANGED", "tool-credential:" + id, "fields " + changed);
        }
        return StoredCredential.of(credential, plugin, values);
    }

    public StoredCredential find(long id) {
        return shown(visible(id));
    }

    /** The caller's credentials (all, for an admin), newest first; of one plugin when {@code pluginId} is given. */
    public Page<StoredCredential> list(Long beforeId, int limit, String pluginId) {
        Caller caller = callers.current();
        Page<ToolCredential> page = new KeysetQuery<>(ToolCredential.class, "c", beforeId)
                .where("c.ownerId = :owner", "owner", caller.isAdmin() ? null : caller.userId())
                .where("c.pluginId = :plugin", "plugin", pluginId == null || pluginId.isBlank() ? null : pluginId.strip())
                .page(em, limit, ToolCredential::getId);
        return page.map(this::shown);
    }

    /** What may be shown; an unreadable credential is listed as such (it can be replaced or deleted), not a 500. */
    private StoredCredential shown(ToolCredential credential) {
        ToolPlugin plugin = plugin(credential.getPluginId());
        try {
            return StoredCredential.of(credential, plugin, decrypt(credential));
        } catch (SecretCipher.SecretDecryptionException e) {
            return StoredCredential.unreadable(credential, plugin);
        }
    }

    /** A credential that tool events still name is a conflict listing them. */
    @RolesAllowed({"USER", "ADMIN"})
    public void delete(long id) {
        Caller caller = callers.current();
        ToolCredential credential = visible(id);
        caller.require(Permission.USE_TOOL_CREDENTIALS);
        @SuppressWarnings("unchecked")
        List<Object[]> users = em.createNativeQuery("select id, name from events where tool_credential_id = ?1"
                + " order by id").setParameter(1, id).getResultList();
        if (!users.isEmpty()) {
            throw new ConflictException("credential '" + credential.getName() + "' is used by " + users.size()
                    + " event(s): " + String.join(", ", users.stream().map(u -> "'" + u[1] + "' (" + u[0] + ")").toList()));
        }
        em.remove(credential);
        audit.record(caller.username(), "TOOL_CREDENTIAL_DELETED", "tool-credential:" + id,
                credential.getPluginId() + " '" + credential.getName() + "'");
    }

    private ToolCredential visible(long id) {
        ToolCredential credential = em.find(ToolCredential.class, id);
        if (credential == null || !callers.current().canSee(credential.getOwnerId())) {
            throw new ResourceNotFoundException("tool credential", id);
        }
        return credential;
    }

    private static ToolPlugin plugin(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("pluginId", "required: one of " + pluginIds());
        }
        return ToolCatalog.find(id).orElseThrow(() -> new InvalidInputException("pluginId",
                "unknown plugin '" + id + "': one of " + pluginIds()));
    }

    private static List<String> pluginIds() {
        return ToolCatalog.BUILT_IN.stream().map(ToolPlugin::id).toList();
    }

    private static String checkedName(String name, ToolPlugin plugin, boolean credentialsMissing) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            errors.add(new FieldError("name", "required, at most " + MAX_NAME + " characters"));
        }
        if (credentialsMissing) {
            errors.add(new FieldError("credentials", "required: an object with the fields of " + plugin.name()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return name.strip();
    }

    private static CredentialValues checked(ToolPlugin plugin, Map<String, Object> submitted, CredentialValues stored) {
        var checked = CredentialRules.check(plugin, submitted, stored);
        if (!checked.errors().isEmpty()) {
            throw new InvalidInputException(checked.errors());
        }
        return checked.values();
    }

    private void refuseNamesake(long ownerId, String name, Long except) {
        // -1 for none: a null parameter has no type for PostgreSQL in "? is null"
        long namesakes = em.createQuery("select count(c) from ToolCredential c where c.ownerId = :owner and c.name = :name"
                        + " and c.id <> :except", Long.class)
                .setParameter("owner", ownerId).setParameter("name", name).setParameter("except", except == null ? -1L : except)
                .getSingleResult();
        if (namesakes > 0) {
            throw new ConflictException("a tool credential named '" + name + "' exists");
        }
    }

    private static List<String> changedFields(CredentialValues before, CredentialValues after) {
        var names = new java.util.TreeSet<>(before.values().keySet());
        names.addAll(after.values().keySet());
        return names.stream().filter(n -> !Objects.equals(before.values().get(n), after.values().get(n))).toList();
    }

    private String encrypt(CredentialValues values, ToolCredential credential) {
        return secrets.encrypt(values.toJson(), EncryptedColumn.TOOL_CREDENTIALS.aad(credential.getId().toString()));
    }

    private CredentialValues decrypt(ToolCredential credential) {
        return CredentialValues.fromJson(secrets.decrypt(credential.getCredentialsEncrypted(),
                EncryptedColumn.TOOL_CREDENTIALS.aad(credential.getId().toString())));
    }
}
