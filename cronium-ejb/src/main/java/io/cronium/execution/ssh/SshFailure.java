package io.cronium.execution.ssh;

/** Reaching or using a server failed in a named phase; the message never contains a credential. */
public class SshFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final SshPhase phase;
    private final String offeredHostKey;

    public SshFailure(SshPhase phase, String message) {
        this(phase, message, null);
    }

    public SshFailure(SshPhase phase, String message, String offeredHostKey) {
        super(phase.label() + " failed: " + message);
        this.phase = phase;
        this.offeredHostKey = offeredHostKey;
    }

    public SshPhase phase() {
        return phase;
    }

    /** For a changed host key: the key the server offers now ("type base64"), for an administrator to accept. */
    public String offeredHostKey() {
        return offeredHostKey;
    }
}
