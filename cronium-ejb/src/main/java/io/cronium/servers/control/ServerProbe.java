package io.cronium.servers.control;

import io.cronium.execution.ssh.HostKeyFingerprint;
import io.cronium.execution.ssh.SshConnector;
import io.cronium.execution.ssh.SshFailure;
import io.cronium.security.Secrets;
import io.cronium.servers.boundary.ServerCredentials;
import io.cronium.servers.boundary.ServerHealth;
import io.cronium.servers.entity.Server;
import java.time.Duration;
import java.time.Instant;

/**
 * Logs in to a server once and records what happened on it: online and last seen, or offline with the failing
 * phase; the first host key is pinned, a changed one kept for an administrator. Used by the API's check and the
 * periodic health checks; the caller provides the transaction and the managed server.
 */
public final class ServerProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ServerProbe() {
    }

    public static ServerHealth probe(Server server, Secrets secrets) {
        Instant now = Instant.now();
        try {
            var connection = new SshConnector(TIMEOUT).connect(ServerCredentials.target(server, secrets));
            connection.session().disconnect();
            if (server.getHostKey() == null) {
                server.pinHostKey(connection.hostKey());
            }
            server.checked(true, null, now);
            return health(server, null);
        } catch (SshFailure e) {
            if (e.offeredHostKey() != null) {
                server.offerHostKey(e.offeredHostKey());
            }
            server.checked(false, e.getMessage(), now);
            return health(server, e.phase().name());
        }
    }

    private static ServerHealth health(Server s, String phase) {
        return new ServerHealth(Boolean.TRUE.equals(s.getOnline()), s.getCheckedAt(), s.getLastSeenAt(), phase,
                s.getLastError(), s.getHostKey() == null ? null : HostKeyFingerprint.of(s.getHostKey()));
    }
}
