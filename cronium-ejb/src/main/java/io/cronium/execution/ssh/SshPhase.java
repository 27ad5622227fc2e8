package io.cronium.execution.ssh;

/** The step of reaching a server that failed, named in every error so a user knows where to look. */
public enum SshPhase {
    DNS("DNS lookup"),
    TCP_CONNECT("TCP connect"),
    HOST_KEY("host key"),
    AUTHENTICATION("authentication"),
    HANDSHAKE("SSH handshake"),
    RUNNER_DEPLOYMENT("runner deployment"),
    EXECUTION("execution");

    private final String label;

    SshPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
