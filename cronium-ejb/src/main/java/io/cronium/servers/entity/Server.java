package io.cronium.servers.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An SSH target. Key, passphrase and password are AES-GCM ciphertexts bound to this row; never returned. */
@Entity
@Table(name = "servers")
public class Server {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String host;

    @Column(nullable = false)
    private int port = 22;

    @Column(nullable = false)
    private String username;

    @Column(name = "ssh_key_enc")
    private String sshKeyEncrypted;

    @Column(name = "passphrase_enc")
    private String passphraseEncrypted;

    @Column(name = "password_enc")
    private String passwordEncrypted;

    @Column(name = "host_key")
    private String hostKey;

    @Column(name = "server_group")
    private String group;

    private Boolean online;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(name = "offered_host_key")
    private String offeredHostKey;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "checked_at")
    private Instant checkedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(name = "purge_warned_at")
    private Instant purgeWarnedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected Server() {
    }

    /** A new server of {@code ownerId}; {@link #describe} says where it is. */
    public Server(long ownerId) {
        this.ownerId = ownerId;
    }

    /** Sets what a client may change; credentials are set apart, encrypted for this row. */
    public void describe(String name, String host, int port, String username, String group) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.username = username;
        this.group = group == null || group.isBlank() ? null : group.strip();
        this.updatedAt = Instant.now();
    }

    /** Ciphertexts already bound to this row; a null keeps nothing (the credential is removed). */
    public void credentials(String sshKeyEncrypted, String passphraseEncrypted, String passwordEncrypted) {
        this.sshKeyEncrypted = sshKeyEncrypted;
        this.passphraseEncrypted = passphraseEncrypted;
        this.passwordEncrypted = passwordEncrypted;
    }

    /** A host key seen for the first time is trusted and pinned. */
    public void pinHostKey(String hostKey) {
        this.hostKey = hostKey;
        this.offeredHostKey = null;
    }

    /** A different key than the pinned one: refused, kept for an administrator to accept. */
    public void offerHostKey(String hostKey) {
        this.offeredHostKey = hostKey;
    }

    public void checked(boolean online, String error, Instant at) {
        this.online = online;
        this.lastError = error;
        this.checkedAt = at;
        if (online) {
            this.lastSeenAt = at;
        }
    }

    public void delete(Instant at) {
        this.deletedAt = at;
    }

    /** Back from a soft delete: its purge and the warning about it are off. */
    public void restore() {
        this.deletedAt = null;
        this.purgeWarnedAt = null;
    }

    public void purgeWarned(Instant at) {
        this.purgeWarnedAt = at;
    }

    public Long getId() { return id; }
    public long getOwnerId() { return ownerId; }
    public String getName() { return name; }
    public String getHost() { return host; }
    public int getPort() { return port; }
    public String getUsername() { return username; }
    public String getSshKeyEncrypted() { return sshKeyEncrypted; }
    public String getPassphraseEncrypted() { return passphraseEncrypted; }
    public String getPasswordEncrypted() { return passwordEncrypted; }
    public String getHostKey() { return hostKey; }
    public String getGroup() { return group; }
    public Boolean getOnline() { return online; }
    public Instant getLastSeenAt() { return lastSeenAt; }
    public Instant getDeletedAt() { return deletedAt; }
    public Instant getPurgeWarnedAt() { return purgeWarnedAt; }
    public String getOfferedHostKey() { return offeredHostKey; }
    public String getLastError() { return lastError; }
    public Instant getCheckedAt() { return checkedAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
