package io.cronium.audit.boundary;

import io.cronium.audit.entity.AuditEntry;
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
import java.util.HashMap;
import java.util.Map;

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
        var jpql = new StringBuilder("select a from AuditEntry a where a.id < :before");
        Map<String, Object> params = new HashMap<>();
        params.put("before", beforeId == null ? Long.MAX_VALUE : beforeId);
        if (filter.actor() != null) {
            jpql.append(" and a.actor = :actor");
            params.put("actor", filter.actor());
        }
        if (filter.action() != null) {
            jpql.append(" and a.action = :action");
            params.put("action", filter.action());
        }
        if (filter.from() != null) {
            jpql.append(" and a.at >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            jpql.append(" and a.at < :to");
            params.put("to", filter.to());
        }
        var query = em.createQuery(jpql.append(" order by a.id desc").toString(), AuditEntry.class);
        params.forEach(query::setParameter);
        return Page.of(query.setMaxResults(limit + 1).getResultList(), limit, AuditEntry::getId);
    }
}
