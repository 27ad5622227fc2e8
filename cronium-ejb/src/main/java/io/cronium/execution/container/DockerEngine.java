package io.cronium.execution.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Docker engine this node runs containers on ({@code cronium.docker.host}, default the local socket; "none"
 * turns containers off). Whether it answers is checked at most every few seconds, not for every run.
 */
@ApplicationScoped
public class DockerEngine {

    private static final Logger LOG = Logger.getLogger(DockerEngine.class.getName());
    private static final long RECHECK_NANOS = Duration.ofSeconds(10).toNanos();

    @Inject
    @ConfigProperty(name = "cronium.docker.host", defaultValue = "unix:///var/run/docker.sock")
    String host;

    private volatile DockerClient client;
    private volatile boolean reachable;
    private volatile long checkedAt;
    private volatile boolean everReachable;

    public DockerEngine() {
    }

    /** For tests and benchmarks outside the container. */
    public DockerEngine(String host) {
        this.host = host;
    }

    public String host() {
        return host;
    }

    public boolean configured() {
        return host != null && !host.isBlank() && !"none".equalsIgnoreCase(host);
    }

    /** Whether the engine answered a ping within the last few seconds. */
    public boolean reachable() {
        if (!configured()) {
            return false;
        }
        long now = System.nanoTime();
        if (checkedAt == 0 || now - checkedAt > RECHECK_NANOS) {
            boolean answered = ping();
            if (answered != reachable || checkedAt == 0) {
                LOG.log(answered ? Level.INFO : Level.WARNING, answered
                        ? "Docker engine at " + host + " answers: scripts run in containers"
                        : "no Docker engine answers at " + host + (everReachable ? " any more" : ""));
            }
            reachable = answered;
            everReachable |= answered;
            checkedAt = now;
        }
        return reachable;
    }

    private boolean ping() {
        try {
            client().pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public DockerClient client() {
        DockerClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
                    // no response timeout: following a quiet script's output or waiting for it may take hours
                    var http = new ZerodepDockerHttpClient.Builder()
                            .dockerHost(config.getDockerHost())
                            .sslConfig(config.getSSLConfig())
                            .maxConnections(64)
                            .connectionTimeout(Duration.ofSeconds(5))
                            .build();
                    client = DockerClientImpl.getInstance(config, http);
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // the server is stopping
            }
        }
    }
}
