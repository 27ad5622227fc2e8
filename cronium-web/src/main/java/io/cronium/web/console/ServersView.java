package io.cronium.web.console;

import io.cronium.common.ConflictException;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.execution.ssh.HostKeyFingerprint;
import io.cronium.servers.boundary.ServerDraft;
import io.cronium.servers.boundary.ServerService;
import io.cronium.servers.entity.Server;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.omnifaces.util.Messages;

/** The servers page: list with health, a form to add one, check, accept a changed host key, delete, restore. */
@Named
@ViewScoped
public class ServersView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the table shows of a server (never its credentials). */
    public record Row(long id, String name, String address, String group, String authentication, String online,
                      Instant lastSeenAt, String lastError, String hostKey, String offeredHostKey)
            implements Serializable {

        static Row of(Server s) {
            return new Row(s.getId(), s.getName(), s.getUsername() + "@" + s.getHost() + ":" + s.getPort(),
                    s.getGroup(), s.getSshKeyEncrypted() != null ? "key" : "password",
                    s.getOnline() == null ? "not checked" : s.getOnline() ? "online" : "offline", s.getLastSeenAt(),
                    s.getLastError(), s.getHostKey() == null ? "" : HostKeyFingerprint.of(s.getHostKey()),
                    s.getOfferedHostKey() == null ? null : HostKeyFingerprint.of(s.getOfferedHostKey()));
        }
    }

    /** A deleted server, restorable until it is purged. */
    public record DeletedRow(long id, String name, String address, Instant deletedAt) implements Serializable {
    }

    @EJB
    transient ServerService servers;

    private List<Row> rows;
    private List<DeletedRow> deleted;
    private String name;
    private String host;
    private Integer port = 22;
    private String username;
    private String sshKey;
    private String passphrase;
    private String password;
    private String group;

    @PostConstruct
    void load() {
        rows = servers.list(null, 500, null, false).items().stream().map(Row::of).toList();
        deleted = servers.list(null, 500, null, true).items().stream().map(s -> new DeletedRow(s.getId(), s.getName(),
                s.getUsername() + "@" + s.getHost() + ":" + s.getPort(), s.getDeletedAt())).toList();
    }

    public void create() {
        try {
            servers.create(new ServerDraft(name, host, port, username, blankToNull(sshKey), blankToNull(passphrase),
                    blankToNull(password), blankToNull(group)));
            Messages.addGlobalInfo("Server ''{0}'' added", name);
            name = host = username = sshKey = passphrase = password = group = null;
            port = 22;
            load();
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> Messages.addGlobalError("{0}: {1}", error.field(), error.message()));
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Adding servers needs the MANAGE_SERVERS permission");
        } finally {
            sshKey = passphrase = password = null; // never kept in the view state
        }
    }

    public void check(Row row) {
        try {
            var health = servers.check(row.id());
            if (health.online()) {
                Messages.addGlobalInfo("''{0}'' is online", row.name());
            } else {
                Messages.addGlobalError("''{0}'': {1}", row.name(), health.error());
            }
            load();
        } catch (ResourceNotFoundException | EJBAccessException e) {
            Messages.addGlobalError(e.getMessage());
        }
    }

    public void acceptHostKey(Row row) {
        try {
            servers.acceptOfferedHostKey(row.id());
            Messages.addGlobalInfo("New host key of ''{0}'' accepted", row.name());
            load();
        } catch (ConflictException | ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Only an administrator accepts a new host key");
        }
    }

    public void delete(Row row) {
        try {
            servers.delete(row.id(), false);
            Messages.addGlobalInfo("Server ''{0}'' deleted (restorable below until it is purged)", row.name());
            load();
        } catch (ConflictException | ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Deleting servers needs the MANAGE_SERVERS permission");
        }
    }

    public void restore(DeletedRow row) {
        try {
            servers.restore(row.id());
            Messages.addGlobalInfo("Server ''{0}'' restored", row.name());
            load();
        } catch (ConflictException | ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Restoring servers needs the MANAGE_SERVERS permission");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public List<Row> getRows() { return rows; }
    public List<DeletedRow> getDeleted() { return deleted; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getSshKey() { return sshKey; }
    public void setSshKey(String sshKey) { this.sshKey = sshKey; }
    public String getPassphrase() { return passphrase; }
    public void setPassphrase(String passphrase) { this.passphrase = passphrase; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getGroup() { return group; }
    public void setGroup(String group) { this.group = group; }
}
