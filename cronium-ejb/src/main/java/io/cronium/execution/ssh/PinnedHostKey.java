package io.cronium.execution.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.util.Base64;

/**
 * The host key repository of one connection: trust on first use when nothing is pinned, otherwise only the pinned
 * key. Remembers the key the server presented, so a first key can be pinned and a changed one offered to an admin.
 */
final class PinnedHostKey implements HostKeyRepository {

    private final String pinned;
    private volatile String presented;

    PinnedHostKey(String pinned) {
        this.pinned = pinned;
    }

    /** "type base64" of a key as the server sent it. */
    static String describe(byte[] key) throws JSchException {
        return new HostKey("x", HostKey.GUESS, key).getType() + " " + Base64.getEncoder().encodeToString(key);
    }

    String presented() {
        return presented;
    }

    @Override
    public int check(String host, byte[] key) {
        try {
            presented = describe(key);
        } catch (JSchException e) {
            return CHANGED; // a key we cannot even read is not the one we pinned
        }
        if (pinned == null) {
            return NOT_INCLUDED; // with StrictHostKeyChecking=no, JSch accepts it and calls add()
        }
        return pinned.equals(presented) ? OK : CHANGED;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // pinned by the caller after the connection succeeded
    }

    @Override
    public void remove(String host, String type) {
    }

    @Override
    public void remove(String host, String type, byte[] key) {
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return "cronium-pinned-host-key";
    }

    @Override
    public HostKey[] getHostKey() {
        return new HostKey[0];
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return new HostKey[0];
    }
}
