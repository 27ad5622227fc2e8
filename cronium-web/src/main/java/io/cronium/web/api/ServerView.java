package io.cronium.web.api;

import io.cronium.execution.ssh.HostKeyFingerprint;
import io.cronium.servers.entity.Server;
import java.time.Instant;

/**
 * A server as the API returns it: how it logs in (KEY, KEY_WITH_PASSPHRASE, PASSWORD), never the credentials; the
 * pinned host key's fingerprint, and a new one waiting for an administrator; when it was deleted (restorable
 * until the retention ends).
 */
public record ServerView(long id, String name, String host, int port, String username, String group,
                         String authentication, boolean hasPassword, String hostKeyFingerprint,
                         String offeredHostKeyFingerprint, Boolean online, Instant lastSeenAt, Instant checkedAt,
                         String lastError, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    static ServerView of(Server s) {
        String authentication = s.getSshKeyEncrypted() != null
                ? (s.getPassphraseEncrypted() != null ? "KEY_WITH_PASSPHRASE" : "KEY") : "PASSWORD";
        return new ServerView(s.getId(), s.getName(), s.getHost(), s.getPort(), s.getUsername(), s.getGroup(),
                authentication, s.getPasswordEncrypted() != null,
                s.getHostKey() == null ? null : HostKeyFingerprint.of(s.getHostKey()),
                s.getOfferedHostKey() == null ? null : HostKeyFingerprint.of(s.getOfferedHostKey()),
                s.getOnline(), s.getLastSeenAt(), s.getCheckedAt(), s.getLastError(), s.getCreatedAt(),
                s.getUpdatedAt(), s.getDeletedAt());
    }
}
