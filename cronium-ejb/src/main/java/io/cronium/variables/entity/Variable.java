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

    public Variable(long ownerId, String key) {
        this.ownerId = ownerId;
        this.key = key;
    }

    /** A plain value: readable through the API, shown in output. */
    public void plain(String value) {
        this.value = value;
        this.valueEncrypted = null;
        this.secret = false;
        this.updatedAt = Instant.now();
    }

    /** A secret value: only its ciphertext is kept, bound to owner and key. */
    public void secret(String ciphertext) {
        this.value = null;
        this.valueEncrypted = ciphertext;
        this.secret = true;
        this.updatedAt = Instant.now();
    }

    public Long getId() { return id; }
    public long getOwnerId() { return ownerId; }
    public String getKey() { return key; }
    public String getValue() { return value; }
    public String getValueEncrypted() { return valueEncrypted; }
    public boolean isSecret() { return secret; }
    public Instant getUpdatedAt() { return updatedAt; }
}
