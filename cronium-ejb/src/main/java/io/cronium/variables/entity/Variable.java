package io.cronium.variables.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One variable of a user; a secret one keeps only its ciphertext. */
@Entity
@Table(name = "variables")
public class Variable {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(name = "key", nullable = false)
    private String key;

    private String value;

    @Column(name = "value_enc")
    private String valueEncrypted;

    private boolean secret;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected Variable() {
    }

    public Variable(long ownerId, String key, String value) {
        this.ownerId = ownerId;
        this.key = key;
        this.value = value;
    }

    public Long getId() { return id; }
    public long getOwnerId() { return ownerId; }
    public String getKey() { return key; }
    public String getValue() { return value; }
    public String getValueEncrypted() { return valueEncrypted; }
    public boolean isSecret() { return secret; }
    public Instant getUpdatedAt() { return updatedAt; }
}
