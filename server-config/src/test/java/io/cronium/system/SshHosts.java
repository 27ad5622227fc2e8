package io.cronium.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sshd test hosts of server-config/ssh/start-hosts.sh (started by .ci/run): addresses, user, keys. */
final class SshHosts {

    static final Path BASE = Path.of("/run/cronium-ssh");
    static final String USER = "cronium-test";
    static final Path SCRIPT = Path.of("..", "server-config", "ssh", "start-hosts.sh").toAbsolutePath().normalize();

    private SshHosts() {
    }

    static String address(int host) {
        return "10.77.0.1" + host;
    }

    static String read(String relative) {
        try {
            return Files.readString(BASE.resolve(relative)).strip();
        } catch (IOException e) {
            throw new IllegalStateException("the SSH test hosts are not set up: run " + SCRIPT + " (as root)", e);
        }
    }

    static String key(String name) {
        return read("keys/" + name) + "\n";
    }

    /** The fingerprint `ssh-keygen -lf` prints for a host's key, e.g. "SHA256:...". */
    static String fingerprint(int host) throws IOException, InterruptedException {
        String out = run("ssh-keygen", "-lf", BASE.resolve("host" + host + "/ssh_host_ed25519_key.pub").toString());
        return out.split(" ")[1];
    }

    /** Runs start-hosts.sh with the given arguments (e.g. --new-host-key 3). */
    static void script(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(java.util.List.of("bash", SCRIPT.toString()));
        command.addAll(java.util.List.of(args));
        run(command.toArray(String[]::new));
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
