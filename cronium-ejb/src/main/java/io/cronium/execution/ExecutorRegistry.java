package io.cronium.execution;

import io.cronium.events.entity.EventType;
import io.cronium.execution.container.ContainerExecutor;
import io.cronium.execution.container.ContainerImages;
import io.cronium.execution.container.DockerEngine;
import io.cronium.execution.container.RunOwner;
import io.cronium.execution.http.HttpRequestExecutor;
import io.cronium.execution.launcher.ProcessLauncher;
import io.cronium.execution.ssh.SshConnector;
import io.cronium.execution.ssh.SshExecutor;
import io.cronium.execution.ssh.SshSessionPool;
import io.cronium.platform.Installation;
import io.cronium.platform.NodeIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The executors this node has, and which one a run gets: HTTP events the HTTP executor; scripts a container or a
 * local process as the event's isolation asks, where "AUTO" prefers a container whenever the engine answers.
 */
@ApplicationScoped
public class ExecutorRegistry {

    /** The executor for a run, or why there is none. */
    public record Choice(Executor executor, String refusal) {

        static Choice of(Executor executor) {
            return new Choice(executor, null);
        }

        static Choice refused(String reason) {
            return new Choice(null, reason);
        }
    }

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedExecutorService managedExecutor;

    @Inject
    @ConfigProperty(name = "cronium.port", defaultValue = "8080")
    int httpPort;

    /** Whether scripts may call the helper API (where they can reach it); false: always the bundled helpers. */
    @Inject
    @ConfigProperty(name = "cronium.helpers.api", defaultValue = "true")
    boolean helperApi;

    @Inject
    @ConfigProperty(name = "cronium.work-dir")
    Optional<String> workDir;

    /** Whether local scripts start through the process launcher (a small JVM of this node) or from this JVM. */
    @Inject
    @ConfigProperty(name = "cronium.process-launcher", defaultValue = "true")
    boolean processLauncher;

    @Inject
    @ConfigProperty(name = "cronium.output.max-chars", defaultValue = "1000000")
    int outputLimit;

    @Inject
    @ConfigProperty(name = "cronium.docker.image.bash", defaultValue = "cronium/bash:1")
    String bashImage;

    @Inject
    @ConfigProperty(name = "cronium.docker.image.python", defaultValue = "cronium/python:1")
    String pythonImage;

    @Inject
    @ConfigProperty(name = "cronium.docker.image.node", defaultValue = "cronium/node:1")
    String nodeImage;

    @Inject
    @ConfigProperty(name = "cronium.docker.pull", defaultValue = "false")
    boolean pull;

    /** "auto": a bind mount where the engine is local (a unix socket), a volume otherwise; or "bind", "volume". */
    @Inject
    @ConfigProperty(name = "cronium.docker.files", defaultValue = "auto")
    String filesDelivery;

    @Inject
    DockerEngine engine;

    @Inject
    NodeIdentity node;

    @Inject
    Installation installation;

    @Inject
    LocalProcessPolicy processPolicy;

    @Inject
    @ConfigProperty(name = "cronium.ssh.max-sessions-per-server", defaultValue = "8")
    int maxSessionsPerServer;

    @Inject
    @ConfigProperty(name = "cronium.ssh.idle-seconds", defaultValue = "300")
    int sshIdleSeconds;

    @Inject
    @ConfigProperty(name = "cronium.ssh.circuit-failures", defaultValue = "3")
    int circuitFailures;

    @Inject
    @ConfigProperty(name = "cronium.ssh.circuit-open-seconds", defaultValue = "30")
    int circuitOpenSeconds;

    private LocalProcessExecutor process;
    private ProcessLauncher launcher;
    private SshSessionPool sshSessions;
    private SshExecutor ssh;
    private ExecutorService sshReaders;
    private ContainerExecutor container;
    private HttpRequestExecutor http;

    @PostConstruct
    void init() {
        Path root = Path.of(workDir.orElse(System.getProperty("java.io.tmpdir") + "/cronium-runs")).toAbsolutePath();
        Integer apiPort = helperApi ? httpPort : null;
        ProcessStarter processes = new DirectProcesses(threads, LocalProcessExecutor.KILL_GRACE_MILLIS);
        if (processLauncher) {
            launcher = new ProcessLauncher(threads, LocalProcessExecutor.KILL_GRACE_MILLIS, processes);
            processes = launcher;
        }
        process = new LocalProcessExecutor(processes, root, outputLimit,
                helperApi ? "http://127.0.0.1:" + httpPort : null);
        boolean bind = "bind".equals(filesDelivery)
                || "auto".equals(filesDelivery) && engine.host().startsWith("unix://");
        container = new ContainerExecutor(engine, new ContainerImages(bashImage, pythonImage, nodeImage, pull),
                new RunOwner(installation.id(), node.id()), outputLimit, bind ? root.resolve("containers") : null, apiPort);
        http = new HttpRequestExecutor(managedExecutor, outputLimit);
        sshReaders = Executors.newCachedThreadPool(threads);
        sshSessions = new SshSessionPool(new SshConnector(Duration.ofSeconds(10)), maxSessionsPerServer,
                Duration.ofSeconds(sshIdleSeconds), circuitFailures, Duration.ofSeconds(circuitOpenSeconds));
        ssh = new SshExecutor(sshSessions, sshReaders, outputLimit, apiPort, threads);
    }

    @PreDestroy
    void close() {
        if (launcher != null) {
            launcher.close();
        }
        ssh.close();
        sshSessions.close();
        sshReaders.shutdownNow();
    }

    /** The SSH executor, for runs on servers. */
    public SshExecutor ssh() {
        return ssh;
    }

    public Choice choose(EventType type, ExecutionSpec spec) {
        Placement placement = Placement.of(type, spec, engine.reachable(), processPolicy.allowed(), engine.host());
        if (placement.refusal() != null) {
            return Choice.refused(placement.refusal());
        }
        return Choice.of(switch (placement.kind()) {
            case HTTP -> http;
            case CONTAINER -> container;
            case PROCESS -> process;
        });
    }

    /** Whether containers are available here, for the console's and the API's description of a node. */
    public boolean containersAvailable() {
        return engine.reachable();
    }
}
