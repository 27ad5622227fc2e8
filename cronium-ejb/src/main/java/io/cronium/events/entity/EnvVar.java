package io.cronium.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One environment variable of an event; a secret one keeps only its ciphertext. */
@Entity
@Table(name = "env_vars")
public class EnvVar {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "event_id")
    private Event event;

    @Column(nullable = false)
    private String name;

    private String value;

    @Column(name = "value_enc")
    private String valueEncrypted;

    private boolean secret;

    protected EnvVar() {
    }

    static EnvVar plain(Event event, String name, String value) {
        var v = new EnvVar();
        v.event = event;
        v.name = name;
        v.value = value;
        return v;
    }

    static EnvVar secret(Event event, String name, String ciphertext) {
        var v = new EnvVar();
        v.event = event;
        v.name = name;
        v.valueEncrypted = ciphertext;
        v.secret = true;
        return v;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    public String getValueEncrypted() {
        return valueEncrypted;
    }

    public boolean isSecret() {
        return secret;
    }
}
