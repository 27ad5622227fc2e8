package io.cronium.execution.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.WaitResponse;
import io.cronium.events.entity.NetworkAccess;
import io.cronium.events.entity.ResourceLimits;
import io.cronium.execution.Cancellation;
import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionRequest;
import io.cronium.execution.ExecutionResult;
import io.cronium.execution.Executor;
import io.cronium.execution.Interpreter;
import io.cronium.execution.ScriptOutput;
import io.cronium.execution.OutputChannel;
import io.cronium.execution.OutputSink;
import io.cronium.logs.entity.PhaseTimings;
import io.cronium.runner.ShellExports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a script in a container of its own on a Docker engine: no network (or a network of its own), a read-only
 * root, no capabilities, no privilege gain, a non-root user, CPU, memory and process limits, and a size-limited
 * writable work directory. The script and its environment arrive as files in a volume; everything the run created
 * is removed afterwards, also when it failed, timed out or was cancelled.
 */
public class ContainerExecutor implements Executor {

    static final int STOP_GRACE_SECONDS = 3;
    static final String FILES = "/cronium";
    static final String WORK_DIR = "/work";

    private final DockerEngine engine;
    private final ContainerImages images;
    private final RunOwner owner;
    private final int outputLimitChars;
    private final Path bindRoot;
    private final Integer helperApiPort;

    /**
     * @param bindRoot where run files are written for a read-only bind mount, when the engine shares this host's
     *                 file system (a local socket); null sends them into a volume through the API instead, which
     *                 works with any engine but costs a volume and an archive upload per run
     */
    public ContainerExecutor(DockerEngine engine, ContainerImages images, RunOwner owner, int outputLimitChars,
                             Path bindRoot) {
        this(engine, images, owner, outputLimitChars, bindRoot, null);
    }

    /**
     * {@code helperApiPort}: the port of the helper API on this host, reached by a run with a network of its own
     * through its network's gateway (null, or a run without network: the helpers work from their files).
     */
    public ContainerExecutor(DockerEngine engine, ContainerImages images, RunOwner owner, int outputLimitChars,
                             Path bindRoot, Integer helperApiPort) {
        this.engine = engine;
        this.images = images;
        this.owner = owner;
        this.outputLimitChars = outputLimitChars;
        this.bindRoot = bindRoot;
        this.helperApiPort = helperApiPort;
    }

    @Override
    public String name() {
        return "container";
    }

    @Override
    public boolean sandboxed() {
        return true;
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request, OutputSink sink, Cancellation cancellation) {
        var output = new ScriptOutput(outputLimitChars, sink, request.helpers());
        var steps = new LinkedHashMap<String, Long>();
        var created = new CreatedResources();
        DockerClient docker = engine.client();
        Interpreter interpreter = Interpreter.of(request.type());
        ResourceLimits limits = request.spec().limits();
        String name = ContainerLabels.name(request);
        var labels = ContainerLabels.of(request, owner);
        long t0 = System.nanoTime();
        String step = "network";
        try {
            if (limits.network() == NetworkAccess.PER_RUN) {
                created.network = docker.createNetworkCmd().withName(name).withDriver("bridge").withLabels(labels)
                        .exec().getId();
            }
            steps.put("network", millisSince(t0));
            step = "image";
            long t = System.nanoTime();
            String image = images.of(interpreter);
            ensureImage(docker, image);
            steps.put("image", millisSince(t));
            step = "files";
            t = System.nanoTime();
            RunFiles files = files(request, interpreter, helperApi(docker, created.network));
            Mount filesMount;
            if (bindRoot != null) {
                created.hostDir = files.writeTo(bindRoot, name);
                filesMount = new Mount().withType(MountType.BIND).withSource(created.hostDir.toString())
                        .withTarget(FILES).withReadOnly(true);
            } else {
                created.volume = docker.createVolumeCmd().withName(name).withLabels(labels).exec().getName();
                filesMount = new Mount().withType(MountType.VOLUME).withSource(created.volume).withTarget(FILES);
            }
            steps.put("files", millisSince(t));
            step = "container";
            t = System.nanoTime();
            created.container = docker.createContainerCmd(image)
                    .withName(name)
                    .withLabels(labels)
                    .withUser("1000:1000")
                    .withWorkingDir(WORK_DIR)
                    .withEnv("HOME=" + WORK_DIR, "TMPDIR=" + WORK_DIR, "LANG=C.UTF-8")
                    .withCmd("/bin/sh", FILES + "/run.sh")
                    .withHostConfig(hostConfig(limits, created.network == null ? "none" : name, filesMount))
                    .exec().getId();
            if (created.volume != null) {
                docker.copyArchiveToContainerCmd(created.container)
                        .withRemotePath(FILES)
                        .withTarInputStream(new ByteArrayInputStream(files.tar()))
                        .exec();
            }
            steps.put("container", millisSince(t));
        } catch (RuntimeException | IOException e) {
            long setupMs = millisSince(t0);
            long cleanupMs = remove(docker, created, steps);
            return new ExecutionResult(ExecutionOutcome.FAILED, null, "", "", "container " + step + " failed: "
                    + reason(e), new PhaseTimings(setupMs, 0, cleanupMs, steps));
        }
        long setupMs = millisSince(t0);
        long t1 = System.nanoTime();
        var out = new FrameLines(line -> output.lines().line(OutputChannel.STDOUT, line));
        var err = new FrameLines(line -> output.lines().line(OutputChannel.STDERR, line));
        Stop stop = Stop.NONE;
        Integer exitCode = null;
        boolean oomKilled = false;
        String failure = null;
        ResultCallback.Adapter<Frame> logs = null;
        try {
            var exit = new CompletableFuture<Integer>();
            docker.startContainerCmd(created.container).exec();
            logs = docker.logContainerCmd(created.container).withStdOut(true).withStdErr(true)
                    .withFollowStream(true).exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Frame frame) {
                            (frame.getStreamType() == StreamType.STDERR ? err : out).accept(frame.getPayload());
                        }
                    });
            docker.waitContainerCmd(created.container).exec(new ResultCallback.Adapter<WaitResponse>() {
                @Override
                public void onNext(WaitResponse response) {
                    exit.complete(response.getStatusCode());
                }

                @Override
                public void onError(Throwable e) {
                    exit.completeExceptionally(e);
                }
            });
            stop = awaitExit(exit, request, cancellation);
            if (stop != Stop.NONE) {
                stopQuietly(docker, created.container);
            }
            var state = docker.inspectContainerCmd(created.container).exec().getState();
            oomKilled = Boolean.TRUE.equals(state.getOOMKilled());
            exitCode = state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue();
            logs.awaitCompletion(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.request("the server is shutting down");
            stop = Stop.CANCELLED;
            stopQuietly(docker, created.container);
        } catch (RuntimeException e) {
            failure = "the container failed: " + reason(e);
            stopQuietly(docker, created.container);
        } finally {
            closeQuietly(logs);
            out.finish();
            err.finish();
        }
        long executionMs = millisSince(t1);
        steps.put("execution", executionMs);
        long cleanupMs = remove(docker, created, steps);
        var timings = new PhaseTimings(setupMs, executionMs, cleanupMs, steps);
        return switch (stop) {
            case CANCELLED -> new ExecutionResult(ExecutionOutcome.CANCELLED, null, output.stdout(), output.stderr(),
                    cancellation.reason() + "; the container was stopped", timings);
            case TIMED_OUT -> new ExecutionResult(ExecutionOutcome.TIMED_OUT, null, output.stdout(), output.stderr(),
                    "timed out after " + request.timeout().toSeconds() + " s; the container was stopped", timings);
            case NONE -> finished(exitCode, oomKilled, failure, limits, output, timings);
        };
    }

    private static ExecutionResult finished(Integer exitCode, boolean oomKilled, String failure, ResourceLimits limits,
                                            ScriptOutput output, PhaseTimings timings) {
        if (oomKilled) {
            failure = "out of memory: the run used more than its memory limit of " + limits.memoryMb()
                    + " MB and was killed";
        } else if (failure == null && (exitCode == null || exitCode != 0)) {
            failure = "exit code " + exitCode;
        }
        boolean ok = failure == null;
        return new ExecutionResult(ok ? ExecutionOutcome.SUCCEEDED : ExecutionOutcome.FAILED, exitCode,
                output.stdout(), output.stderr(), failure, timings);
    }

    private enum Stop { NONE, TIMED_OUT, CANCELLED }

    /** The ids of what a run created, for removal; null where it was not created. */
    private static final class CreatedResources {
        String network;
        String volume;
        String container;
        Path hostDir;
    }

    private static Stop awaitExit(CompletableFuture<Integer> exit, ExecutionRequest request, Cancellation cancellation)
            throws InterruptedException {
        try {
            CompletableFuture.anyOf(exit, cancellation.requested()).get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Stop.TIMED_OUT;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the container failed: " + e.getCause().getMessage(), e);
        }
        return exit.isDone() ? Stop.NONE : Stop.CANCELLED;
    }

    private void ensureImage(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            if (!images.pull()) {
                throw new IllegalStateException("image " + image + " is not on the Docker engine: build it with "
                        + "server-config/docker/build-images.sh, or configure another image (CRONIUM_DOCKER_IMAGE_*)"
                        + " or pulling (CRONIUM_DOCKER_PULL=true)");
            }
            try {
                docker.pullImageCmd(image).start().awaitCompletion(10, TimeUnit.MINUTES);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pulling " + image);
            }
        }
    }

    private static HostConfig hostConfig(ResourceLimits limits, String network, Mount files) {
        long memory = limits.memoryMb() * 1024L * 1024L;
        return HostConfig.newHostConfig()
                .withNanoCPUs(Math.round(limits.cpus() * 1e9))
                .withMemory(memory)
                .withMemorySwap(memory) // the same as memory: no swap, so an overrun is an OOM kill, not a crawl
                .withPidsLimit((long) limits.pids())
                .withReadonlyRootfs(true)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withCapDrop(Capability.ALL)
                .withInit(true) // a PID 1 that passes SIGTERM on, so the script gets its grace period
                .withNetworkMode(network)
                .withTmpFs(Map.of(WORK_DIR, tmpfs(limits), "/tmp", tmpfs(limits)))
                .withMounts(List.of(files));
    }

    /** Owned by the run's user: a mode option alone is overridden by the image's directory, owned by root. */
    private static String tmpfs(ResourceLimits limits) {
        return "rw,exec,nosuid,nodev,size=" + limits.workDirMb() + "m,uid=1000,gid=1000,mode=0700";
    }

    /** The helper API as a run on {@code network} reaches it: through the network's gateway, this host; or none. */
    private String helperApi(DockerClient docker, String network) {
        if (network == null || helperApiPort == null) {
            return null;
        }
        var ipam = docker.inspectNetworkCmd().withNetworkId(network).exec().getIpam();
        return ipam == null || ipam.getConfig() == null || ipam.getConfig().isEmpty()
                ? null : "http://" + ipam.getConfig().get(0).getGateway() + ":" + helperApiPort;
    }

    /** The run's files in /cronium; its helpers in /cronium/helpers, what the script sets kept in /tmp. */
    private static RunFiles files(ExecutionRequest request, Interpreter interpreter, String helperApi) {
        Map<String, String> env = new LinkedHashMap<>(request.runEnvironment());
        String path = "";
        if (request.helpers() != null) {
            env.putAll(request.helpers().environment(FILES + "/helpers", "/tmp/cronium-state", null, helperApi));
            path = "PATH=" + FILES + "/helpers/bin:$PATH\nexport PATH\n";
        }
        List<String> command = new ArrayList<>(interpreter.command());
        command.add(FILES + "/" + interpreter.fileName());
        var files = new RunFiles()
                .add("run.sh", ShellExports.of(env) + path + "cd " + WORK_DIR + "\nexec " + String.join(" ", command) + "\n")
                .add(interpreter.fileName(), request.script());
        return request.helpers() == null ? files : files.helpers("helpers", request.helpers());
    }

    private static void stopQuietly(DockerClient docker, String container) {
        if (container == null) {
            return;
        }
        try {
            docker.stopContainerCmd(container).withTimeout(STOP_GRACE_SECONDS).exec();
        } catch (NotModifiedException | NotFoundException e) {
            // already stopped or gone
        } catch (RuntimeException e) {
            killQuietly(docker, container);
        }
    }

    private static void killQuietly(DockerClient docker, String container) {
        try {
            docker.killContainerCmd(container).exec();
        } catch (RuntimeException ignored) {
            // removal with force follows
        }
    }

    /** Removes container, volume and network; a failure is noted in the steps, never thrown. */
    private static long remove(DockerClient docker, CreatedResources created, Map<String, Long> steps) {
        long t0 = System.nanoTime();
        List<Runnable> removals = new ArrayList<>();
        if (created.container != null) {
            removals.add(() -> docker.removeContainerCmd(created.container).withForce(true).withRemoveVolumes(true).exec());
        }
        if (created.volume != null) {
            removals.add(() -> docker.removeVolumeCmd(created.volume).exec());
        }
        if (created.network != null) {
            removals.add(() -> docker.removeNetworkCmd(created.network).exec());
        }
        if (created.hostDir != null) {
            removals.add(() -> RunFiles.delete(created.hostDir));
        }
        for (Runnable removal : removals) {
            try {
                removal.run();
            } catch (NotFoundException ignored) {
                // already gone
            } catch (RuntimeException e) {
                steps.merge("cleanupFailures", 1L, Long::sum); // the orphan sweep removes it later
            }
        }
        long ms = millisSince(t0);
        steps.put("cleanup", ms);
        return ms;
    }

    private static void closeQuietly(ResultCallback.Adapter<Frame> logs) {
        if (logs != null) {
            try {
                logs.close();
            } catch (Exception ignored) {
                // the stream ended with the container
            }
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.strip();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
