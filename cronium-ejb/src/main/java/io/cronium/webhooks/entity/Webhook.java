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

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Webhook() {
    }

    public static Webhook forEvent(long ownerId, String key, long eventId) {
        var webhook = new Webhook();
        webhook.ownerId = ownerId;
        webhook.key = key;
        webhook.eventId = eventId;
        return webhook;
    }

    public Long getId() { return id; }
    public long getOwnerId() { return ownerId; }
    public String getKey() { return key; }
    public Long getEventId() { return eventId; }
    public Long getWorkflowId() { return workflowId; }
    public String getHmacSecretEncrypted() { return hmacSecretEncrypted; }
    public Instant getCreatedAt() { return createdAt; }
}
