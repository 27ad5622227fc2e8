package io.cronium.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One audited action (a login, a token created, a credential used...). Never holds a secret. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String actor;

    @Column(nullable = false)
    private String action;

    private String target;

    @Column(name = "source_address")
    private String sourceAddress;

    private String details;

    @Column(nullable = false)
    private Instant at = Instant.now();

    protected AuditEntry() {
    }

    public AuditEntry(String actor, String action, String target, String sourceAddress, String details) {
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.sourceAddress = sourceAddress;
        this.details = details;
    }

    public Long getId() { return id; }
    public String getActor() { return actor; }
    public String getAction() { return action; }
    public String getTarget() { return target; }
    public String getSourceAddress() { return sourceAddress; }
    public String getDetails() { return details; }
    public Instant getAt() { return at; }
}
