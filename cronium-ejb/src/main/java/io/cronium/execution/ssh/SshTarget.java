package io.cronium.execution.ssh;

/**
 * Where and as whom to log in, with the decrypted credentials (held only for the connection, never logged: the
 * record's text leaves them out) and the pinned host key, if any.
 *
 * @param hostKey the pinned key as "type base64", or null to trust the first key seen
 */
public record SshTarget(String host, int port, String username, String privateKey, String passphrase,
                        String password, String hostKey) {

    @Override
    public String toString() {
        return username + "@" + host + ":" + port;
    }
}
