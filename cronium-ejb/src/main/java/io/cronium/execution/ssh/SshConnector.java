package io.cronium.execution.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.Session;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Opens SSH sessions with JSch and turns every failure into the phase it happened in: DNS, TCP connect, host key,
 * authentication, handshake. Keys in OpenSSH or PEM format (ed25519, RSA, ECDSA), with or without a passphrase, or
 * a password.
 */
public final class SshConnector {

    /** An open session and the host key it was opened with ("type base64"). */
    public record Connection(Session session, String hostKey) {
    }

    private final Duration connectTimeout;

    public SshConnector(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Connection connect(SshTarget target) throws SshFailure {
        try {
            InetAddress.getByName(target.host());
        } catch (UnknownHostException e) {
            throw new SshFailure(SshPhase.DNS, "the name " + target.host() + " does not resolve");
        }
        var jsch = new JSch();
        var hostKeys = new PinnedHostKey(target.hostKey());
        jsch.setHostKeyRepository(hostKeys);
        Session session;
        try {
            if (target.privateKey() != null) {
                jsch.addIdentity("cronium", target.privateKey().getBytes(StandardCharsets.UTF_8), null,
                        target.passphrase() == null ? null : target.passphrase().getBytes(StandardCharsets.UTF_8));
            }
            session = jsch.getSession(target.username(), target.host(), target.port());
        } catch (JSchException e) {
            throw new SshFailure(SshPhase.AUTHENTICATION, "the private key cannot be read: " + e.getMessage());
        }
        if (target.password() != null) {
            session.setPassword(target.password());
        }
        session.setConfig("StrictHostKeyChecking", target.hostKey() == null ? "no" : "yes");
        session.setConfig("PreferredAuthentications", target.privateKey() != null ? "publickey" : "password");
        try {
            session.setServerAliveInterval(15_000);
            session.connect((int) connectTimeout.toMillis());
        } catch (JSchChangedHostKeyException | JSchUnknownHostKeyException e) {
            throw new SshFailure(SshPhase.HOST_KEY, "the server presented host key " + HostKeyFingerprint.of(
                    hostKeys.presented()) + ", not the pinned " + HostKeyFingerprint.of(target.hostKey())
                    + "; refused until an administrator accepts the new key", hostKeys.presented());
        } catch (JSchException e) {
            throw classify(e, target);
        }
        return new Connection(session, hostKeys.presented());
    }

    private static SshFailure classify(JSchException e, SshTarget target) {
        Throwable cause = e.getCause();
        String where = target.host() + ":" + target.port();
        if (cause instanceof ConnectException) {
            return new SshFailure(SshPhase.TCP_CONNECT, "connection to " + where + " refused");
        }
        if (cause instanceof SocketTimeoutException || cause instanceof NoRouteToHostException
                || String.valueOf(e.getMessage()).contains("timeout: socket is not established")) {
            return new SshFailure(SshPhase.TCP_CONNECT, "no answer from " + where);
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")
                || e.getClass().getSimpleName().startsWith("JSchAuth")) {
            return new SshFailure(SshPhase.AUTHENTICATION, target.username() + " was refused by " + where
                    + (target.privateKey() != null ? " (key)" : " (password)"));
        }
        return new SshFailure(SshPhase.HANDSHAKE, message);
    }
}
