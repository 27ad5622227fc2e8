package io.cronium.servers.boundary;

import io.cronium.execution.ssh.SshTarget;
import io.cronium.security.EncryptedColumn;
import io.cronium.security.Secrets;
import io.cronium.servers.entity.Server;

/** A server's decrypted login, for the moment of connecting. */
public final class ServerCredentials {

    private ServerCredentials() {
    }

    public static SshTarget target(Server s, Secrets secrets) {
        String row = Long.toString(s.getId());
        return new SshTarget(s.getHost(), s.getPort(), s.getUsername(),
                decrypt(secrets, s.getSshKeyEncrypted(), EncryptedColumn.SERVER_SSH_KEY, row),
                decrypt(secrets, s.getPassphraseEncrypted(), EncryptedColumn.SERVER_PASSPHRASE, row),
                decrypt(secrets, s.getPasswordEncrypted(), EncryptedColumn.SERVER_PASSWORD, row),
                s.getHostKey());
    }

    private static String decrypt(Secrets secrets, String ciphertext, EncryptedColumn column, String row) {
        return ciphertext == null ? null : secrets.decrypt(ciphertext, column.aad(row));
    }
}
