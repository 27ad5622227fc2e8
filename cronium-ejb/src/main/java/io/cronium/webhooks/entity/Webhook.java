package io.cronium.webhooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A webhook key that triggers exactly one event or one workflow. */
@Entity
@Table(name = "webhooks")
public class Webhook {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(name = "key", nullable = false, unique = true)
    private String key;

    @Column(name = "event_id")
    private Long eventId;

    @Column(name = "workflow_id")
    private Long workflowId;

    @Column(name = "hmac_secret_enc")
    private String hmacSecretEncrypted;

    @Column(name = "key_hint")
    private String keyHint;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Webhook() {
    }

    /** A webhook for an event or (eventId null) a workflow; {@code keyHash} is the SHA-256 of its key. */
    public static Webhook of(long ownerId, String keyHash, String keyHint, Long eventId, Long workflowId) {
        var webhook = new Webhook();
        webhook.ownerId = ownerId;
        webhook.key = keyHash;
        webhook.keyHint = keyHint;
        webhook.eventId = eventId;
        webhook.workflowId = workflowId;
        return webhook;
    }

    public void hmacSecret(String encrypted) {
        this.hmacSecretEncrypted = encrypted;
    }

    public void used(Instant at) {
        this.lastUsedAt = at;
    }

    public Long getId() { return id; }
    public long getOwnerId() { return ownerId; }
    public String getKeyHint() { return keyHint; }
    public Instant getLastUsedAt() { return lastUsedAt; }
    public Long getEventId() { return eventId; }
    public Long getWorkflowId() { return workflowId; }
    public String getHmacSecretEncrypted() { return hmacSecretEncrypted; }
    public Instant getCreatedAt() { return createdAt; }
}
