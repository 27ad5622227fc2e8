package io.cronium.jobs.control;

import io.cronium.execution.ssh.SshTarget;
import io.cronium.logs.control.LogTable;
import io.cronium.platform.ApplicationDatabase;
import io.cronium.security.SecretCipher;
import io.cronium.security.Secrets;
import io.cronium.servers.boundary.ServerCredentials;
import io.cronium.servers.entity.Server;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;

/** The transactions of the remote leftover sweep: claim due leftovers with their servers' logins, settle each. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RemoteLeftovers {

    /** Giving up on a server that stayed unreachable this long after the leftover was found. */
    static final int GIVE_UP_HOURS = 24;

    /** A leftover to stop, with the login of its server ({@code target} null when it cannot be reached: why). */
    public record Claim(String executionId, long serverId, String node, boolean givenUp, String server,
                        SshTarget target, String unreachable) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationDatabase database;

    @Inject
    Secrets secrets;

    public List<Claim> claim(int limit) {
        List<Claim> claims = new ArrayList<>();
        for (var leftover : sql(c -> RemoteLeftoverTable.claim(c, limit, GIVE_UP_HOURS))) {
            Server server = em.find(Server.class, leftover.serverId());
            String name = server == null ? "server " + leftover.serverId() : server.getName();
            SshTarget target = null;
            String unreachable = null;
            if (server == null || server.getDeletedAt() != null) {
                unreachable = name + " was deleted";
            } else {
                try {
                    target = ServerCredentials.target(server, secrets);
                } catch (SecretCipher.SecretDecryptionException e) {
                    unreachable = "the credentials of " + name + " cannot be decrypted";
                }
            }
            claims.add(new Claim(leftover.executionId(), leftover.serverId(), leftover.node(), leftover.givenUp(),
                    name, target, unreachable));
        }
        return claims;
    }

    /** Done with it (stopped, nothing left, or given up): the run says what happened. */
    public void settle(String executionId, String note) {
        sql(c -> {
            RemoteLeftoverTable.resolved(c, executionId);
            LogTable.noteOnExecution(c, executionId, note);
            return null;
        });
    }

    public void retryLater(String executionId, String error) {
        sql(c -> {
            RemoteLeftoverTable.failed(c, executionId, error);
            return null;
        });
    }

    private <T> T sql(ApplicationDatabase.Work<T> work) {
        return database.call("the remote leftovers' bookkeeping", work);
    }
}
