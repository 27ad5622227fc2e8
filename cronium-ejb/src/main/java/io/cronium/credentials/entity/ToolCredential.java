package io.cronium.credentials.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A plugin credential; its JSON is an AES-GCM ciphertext bound to this row. */
@Entity
@Table(name = "tool_credentials")
public class ToolCredential {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(name = "plugin_id", nullable = false)
    private String pluginId;

    @Column(nullable = false)
    private String name;

    @Column(name = "credentials_enc", nullable = false)
    private String credentialsEncrypted;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected ToolCredential() {
    }

    public ToolCredential(long ownerId, String pluginId, String name, String credentialsEncrypted) {
        this.ownerId = ownerId;
        this.pluginId = pluginId;
        this.name = name;
        this.credentialsEncrypted = credentialsEncrypted;
    }

    public void rename(String name) {
        this.name = name;
        this.updatedAt = Instant.now();
    }

    public void credentials(String credentialsEncrypted) {
        this.credentialsEncrypted = credentialsEncrypted;
        this.updatedAt = Instant.now();
    }

    public Long getId() { return id; }
    public long getOwnerId() { return ownerId; }
    public String getPluginId() { return pluginId; }
    public String getName() { return name; }
    public String getCredentialsEncrypted() { return credentialsEncrypted; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
