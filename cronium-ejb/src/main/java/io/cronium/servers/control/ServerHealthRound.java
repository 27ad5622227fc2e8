package io.cronium.servers.control;

import io.cronium.security.Secrets;
import io.cronium.servers.entity.Server;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The transactions of a health-check round: claiming due servers, then one short transaction per server checked. */
@Stateless
public class ServerHealthRound {

    private static final int BATCH = 20;

    @PersistenceContext
    EntityManager em;

    @Inject
    Secrets secrets;

    @Inject
    @ConfigProperty(name = "cronium.servers.check-every-seconds", defaultValue = "300")
    int everySeconds;

    /**
     * Claims the servers due for a check. A new server gets its first one a few seconds after it was added, so the
     * run or the check a user starts right away is the one that meets its host key first.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<Long> due() {
        List<Number> ids = em.createNativeQuery("""
                update servers set checked_at = now()
                 where id in (select id from servers
                               where deleted_at is null
                                 and (checked_at < now() - make_interval(secs => ?)
                                      or checked_at is null and created_at < now() - interval '5 seconds')
                               order by checked_at nulls first
                               limit ? for update skip locked)
                returning id""").setParameter(1, everySeconds).setParameter(2, BATCH).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void check(long id) {
        Server server = em.find(Server.class, id);
        if (server != null && server.getDeletedAt() == null) {
            ServerProbe.probe(server, secrets);
        }
    }
}
