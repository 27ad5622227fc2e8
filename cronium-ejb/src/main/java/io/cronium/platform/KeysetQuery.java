package io.cronium.platform;

import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A newest-first list query with optional filters: each filter is added only when its value is given, and the page
 * continues below an id (keyset pagination: no OFFSET, so deep pages cost what the first one does).
 */
public final class KeysetQuery<T> {

    private final Class<T> type;
    private final String alias;
    private final StringBuilder jpql;
    private final Map<String, Object> params = new HashMap<>();

    public KeysetQuery(Class<T> type, String alias, Long beforeId) {
        this.type = type;
        this.alias = alias;
        this.jpql = new StringBuilder("select " + alias + " from " + type.getSimpleName() + " " + alias
                + " where " + alias + ".id < :before");
        params.put("before", beforeId == null ? Long.MAX_VALUE : beforeId);
    }

    /** Adds a condition without parameters. */
    public KeysetQuery<T> where(String condition) {
        jpql.append(" and ").append(condition);
        return this;
    }

    /** Adds {@code condition} (which uses {@code :name}) when {@code value} is not null. */
    public KeysetQuery<T> where(String condition, String name, Object value) {
        if (value != null) {
            jpql.append(" and ").append(condition);
            params.put(name, value);
        }
        return this;
    }

    public Page<T> page(EntityManager em, int limit, ToLongFunction<T> id) {
        var query = em.createQuery(jpql + " order by " + alias + ".id desc", type);
        params.forEach(query::setParameter);
        return Page.of(query.setMaxResults(limit + 1).getResultList(), limit, id);
    }
}
