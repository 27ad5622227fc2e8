package io.cronium.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The name this node writes into the jobs it claims, so a reaper can tell whose lease expired. */
@ApplicationScoped
public class NodeIdentity {

    private final String id;

    @Inject
    public NodeIdentity(@ConfigProperty(name = "cronium.node-id") Optional<String> configured) {
        this.id = configured.filter(s -> !s.isBlank()).orElseGet(NodeIdentity::generated);
    }

    NodeIdentity() {
        this.id = generated();
    }

    public String id() {
        return id;
    }

    private static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
