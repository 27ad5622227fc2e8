package io.cronium.servers.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Pins the host key a run saw first on a server that had none (trust on first use, as a health check does). */
@Stateless
public class HostKeyPins {

    @PersistenceContext
    EntityManager em;

    /** Only if still unpinned: two runs seeing the server first at the same time pin once. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void pinIfUnpinned(long serverId, String hostKey) {
        em.createNativeQuery("update servers set host_key = ? where id = ? and host_key is null")
                .setParameter(1, hostKey).setParameter(2, serverId).executeUpdate();
    }
}
