package io.cronium.servers.boundary;

import io.cronium.audit.boundary.AuditTrail;
import io.cronium.common.ConflictException;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.execution.ssh.HostKeyFingerprint;
import io.cronium.platform.KeysetQuery;
import io.cronium.platform.Page;
import io.cronium.security.EncryptedColumn;
import io.cronium.security.Secrets;
import io.cronium.servers.control.ServerProbe;
import io.cronium.servers.control.ServerValidator;
import io.cronium.servers.entity.Server;
import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import io.cronium.users.entity.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * SSH servers: created, changed and deleted by holders of MANAGE_SERVERS, each scoped to its owner; credentials are
 * encrypted for their row and never leave this class in clear except towards an SSH connection.
 */
@Stateless
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
public class ServerService {

    private final ServerValidator validator = new ServerValidator();

    @PersistenceContext
    EntityManager em;

    @EJB
    CallerResolver callers;

    @EJB
    AuditTrail audit;

    @Inject
    Secrets secrets;

    @RolesAllowed({"USER", "ADMIN"})
    public Server create(ServerDraft draft) {
        Caller caller = callers.current();
        caller.require(Permission.MANAGE_SERVERS);
        requireValid(draft, false);
        var server = new Server(caller.userId());
        server.describe(draft.name().trim(), draft.host().trim(), port(draft), draft.username(), draft.group());
        em.persist(server);
        em.flush(); // the id binds the credentials' ciphertexts to this row
        applyCredentials(draft, server);
        audit.record(caller.username(), "SERVER_CREATED", "server:" + server.getId(), credentialKinds(server));
        return server;
    }

    @RolesAllowed({"USER", "ADMIN"})
    public Server update(long id, ServerDraft draft) {
        Caller caller = callers.current();
        Server server = visible(id);
        caller.require(Permission.MANAGE_SERVERS);
        requireValid(draft, server.getSshKeyEncrypted() != null || server.getPasswordEncrypted() != null);
        boolean moved = !server.getHost().equals(draft.host().trim()) || server.getPort() != port(draft);
        server.describe(draft.name().trim(), draft.host().trim(), port(draft), draft.username(), draft.group());
        if (moved) {
            server.pinHostKey(null); // another machine: its key is learned again on first use
        }
        if (draft.sshKey() != null || draft.password() != null || draft.passphrase() != null) {
            applyCredentials(draft, server);
            audit.record(caller.username(), "SERVER_CREDENTIAL_CHANGED", "server:" + id, credentialKinds(server));
        }
        return server;
    }

    public Server find(long id) {
        return visible(id);
    }

    /**
     * The caller's servers (all, for an admin), newest first; only group {@code group} when it is given; the deleted
     * ones still within their retention instead when {@code deleted}.
     */
    public Page<Server> list(Long beforeId, int limit, String group, boolean deleted) {
        Caller caller = callers.current();
        return new KeysetQuery<>(Server.class, "s", beforeId)
                .where(deleted ? "s.deletedAt is not null" : "s.deletedAt is null")
                .where("s.ownerId = :owner", "owner", caller.isAdmin() ? null : caller.userId())
                .where("s.group = :group", "group", group == null || group.isBlank() ? null : group.strip())
                .page(em, limit, Server::getId);
    }

    /**
     * Soft delete: the server disappears from lists and runs at once; its row is purged after the retention (it can
     * be restored until then). A server that events name is a conflict listing them, unless {@code force} takes it
     * out of them.
     */
    @RolesAllowed({"USER", "ADMIN"})
    public void delete(long id, boolean force) {
        Caller caller = callers.current();
        Server server = visible(id);
        caller.require(Permission.MANAGE_SERVERS);
        @SuppressWarnings("unchecked")
        List<Object[]> users = em.createNativeQuery("select e.id, e.name from event_servers es join events e"
                + " on e.id = es.event_id where es.server_id = ?1 order by e.id").setParameter(1, id).getResultList();
        if (!users.isEmpty() && !force) {
            throw new ConflictException("server '" + server.getName() + "' is used by " + users.size() + " event(s): "
                    + String.join(", ", users.stream().map(u -> "'" + u[1] + "' (" + u[0] + ")").toList())
                    + "; take it out of them first (or delete with force)");
        }
        em.createNativeQuery("delete from event_servers where server_id = ?1").setParameter(1, id).executeUpdate();
        server.delete(Instant.now());
        audit.record(caller.username(), "SERVER_DELETED", "server:" + id, server.getName()
                + (users.isEmpty() ? "" : ", taken out of " + users.size() + " event(s)"));
    }

    /** Undoes a delete within the retention; a live server of the same name is a conflict. */
    @RolesAllowed({"USER", "ADMIN"})
    public Server restore(long id) {
        Caller caller = callers.current();
        Server server = em.find(Server.class, id);
        if (server == null || !caller.canSee(server.getOwnerId())) {
            throw new ResourceNotFoundException("server", id);
        }
        caller.require(Permission.MANAGE_SERVERS);
        if (server.getDeletedAt() == null) {
            throw new ConflictException("server " + id + " is not deleted");
        }
        long namesakes = em.createQuery("select count(s) from Server s where s.ownerId = :owner and s.name = :name"
                        + " and s.deletedAt is null", Long.class)
                .setParameter("owner", server.getOwnerId()).setParameter("name", server.getName()).getSingleResult();
        if (namesakes > 0) {
            throw new ConflictException("a server named '" + server.getName() + "' exists: rename it before restoring this one");
        }
        server.restore();
        audit.record(caller.username(), "SERVER_RESTORED", "server:" + id, server.getName());
        return server;
    }

    /** Logs in once; pins the host key on first use, refuses (and keeps for an admin) a changed one. */
    @RolesAllowed({"USER", "ADMIN"})
    public ServerHealth check(long id) {
        Caller caller = callers.current();
        Server server = visible(id);
        audit.record(caller.username(), "SERVER_CREDENTIAL_USED", "server:" + id, "health check");
        return ServerProbe.probe(server, secrets);
    }

    /** An administrator trusts the key the server now presents (after a reinstall, say). */
    @RolesAllowed("ADMIN")
    public Server acceptOfferedHostKey(long id) {
        Server server = visible(id);
        if (server.getOfferedHostKey() == null) {
            throw new ConflictException("server " + id + " offers no new host key to accept");
        }
        String fingerprint = HostKeyFingerprint.of(server.getOfferedHostKey());
        server.pinHostKey(server.getOfferedHostKey());
        audit.record(callers.current().username(), "SERVER_HOST_KEY_ACCEPTED", "server:" + id, fingerprint);
        return server;
    }

    /** The server if the caller may see it (and it is not deleted); otherwise 404, exactly as for a missing one. */
    Server visible(long id) {
        Caller caller = callers.current();
        Server server = em.find(Server.class, id);
        if (server == null || server.getDeletedAt() != null || !caller.canSee(server.getOwnerId())) {
            throw new ResourceNotFoundException("server", id);
        }
        return server;
    }

    private void requireValid(ServerDraft draft, boolean hasStoredCredential) {
        var errors = validator.validate(draft, hasStoredCredential);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private void applyCredentials(ServerDraft d, Server s) {
        String id = Long.toString(s.getId());
        String key = d.sshKey() == null ? s.getSshKeyEncrypted() : encrypt(d.sshKey(), EncryptedColumn.SERVER_SSH_KEY, id);
        String passphrase = d.sshKey() != null && d.passphrase() == null ? null
                : d.passphrase() == null ? s.getPassphraseEncrypted()
                : encrypt(d.passphrase(), EncryptedColumn.SERVER_PASSPHRASE, id);
        String password = d.password() == null ? s.getPasswordEncrypted()
                : encrypt(d.password(), EncryptedColumn.SERVER_PASSWORD, id);
        s.credentials(key, passphrase, password);
    }

    /** Empty text removes the credential. */
    private String encrypt(String value, EncryptedColumn column, String row) {
        return value.isEmpty() ? null : secrets.encrypt(value, column.aad(row));
    }

    private static String credentialKinds(Server s) {
        return (s.getSshKeyEncrypted() != null ? "key" + (s.getPassphraseEncrypted() != null ? " with passphrase" : "")
                : "") + (s.getPasswordEncrypted() != null ? (s.getSshKeyEncrypted() != null ? ", " : "") + "password" : "");
    }

    private static int port(ServerDraft d) {
        return d.port() == null ? 22 : d.port();
    }
}
