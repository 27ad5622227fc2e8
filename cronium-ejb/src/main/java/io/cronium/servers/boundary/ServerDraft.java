package io.cronium.servers.boundary;

/**
 * A server as a client submits it. On update, a credential left out (null) stays as it is; an empty string removes
 * it. Credentials are write-only: no answer ever contains them.
 */
public record ServerDraft(String name, String host, Integer port, String username, String sshKey, String passphrase,
                          String password, String group) {

    @Override
    public String toString() {
        return "ServerDraft[" + username + "@" + host + ":" + port + "]";
    }
}
