package io.cronium.audit.boundary;

import io.cronium.audit.entity.AuditEntry;
import io.cronium.platform.KeysetQuery;
import io.cronium.platform.Page;
import io.cronium.platform.RequestOrigin;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Records security-relevant actions. Each record is its own transaction, so a failed login or a refused request
 * is kept even though the work around it rolls back.
 */
@Stateless
public class AuditTrail {

    public record Filter(String actor, String action, Instant from, Instant to) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    RequestOrigin origin;

    @PermitAll
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String actor, String action, String target, String details) {
        em.persist(new AuditEntry(actor, action, target, RequestOrigin.addressOf(origin), details));
    }

    @RolesAllowed("ADMIN")
    public Page<AuditEntry> list(Filter filter, Long beforeId, int limit) {
        return new KeysetQuery<>(AuditEntry.class, "a", beforeId)
                .where("a.actor = :actor", "actor", filter.actor())
                .where("a.action = :action", "action", filter.action())
                .where("a.at >= :from", "from", filter.from())
                .where("a.at < :to", "to", filter.to())
                .page(em, limit, AuditEntry::getId);
    }
}
