package io.cronium.bench;

import io.cronium.events.entity.EventType;
import io.cronium.events.entity.HttpCall;
import io.cronium.events.entity.Isolation;
import io.cronium.events.entity.ResourceLimits;
import io.cronium.execution.Cancellation;
import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionRequest;
import io.cronium.execution.ExecutionSpec;
import io.cronium.execution.Interpreter;
import io.cronium.execution.LocalProcessExecutor;
import io.cronium.execution.OutputSink;
import io.cronium.execution.container.ContainerExecutor;
import io.cronium.execution.container.ContainerImages;
import io.cronium.execution.container.DockerEngine;
import io.cronium.execution.container.RunOwner;
import io.cronium.execution.ssh.SshConnector;
import io.cronium.execution.ssh.SshExecutor;
import io.cronium.execution.ssh.SshSessionPool;
import io.cronium.execution.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The executors' overhead (issue 6) against their floors, run in one process and interleaved so both sides see the
 * same machine: (1) the container executor against a plain {@code docker run --rm} of the same image with the same
 * limits and isolation flags, per script type; (2) the local process executor against a bare fork/exec of the same
 * interpreter; (3) the SSH executor on a pooled session against a bare JSch exec (when the SSH test hosts are up).
 * Usage: {@code ./cronium bench executors} with -Dbench.container-runs=20, -Dbench.process-runs=100,
 * -Dbench.types=BASH (or BASH,PYTHON,NODE) as the defaults, and -Dbench.files=volume to send run files the way a
 * remote engine gets them.
 */
public final class ExecutorBench {

    private static final String DOCKER = Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";

    private ExecutorBench() {
    }

    public static void main(String[] args) throws Exception {
        int containerRuns = Integer.getInteger("bench.container-runs", 20);
        int processRuns = Integer.getInteger("bench.process-runs", 100);
        System.out.println(StartupBench.machine());
        var engine = new DockerEngine("unix:///var/run/docker.sock");
        if (!engine.reachable()) {
            throw new IllegalStateException("no Docker engine: run server-config/docker/start-engine.sh and build-images.sh");
        }
        var images = ContainerImages.DEFAULT;
        Path work = Files.createTempDirectory("cronium-bench");
        boolean volume = "volume".equals(System.getProperty("bench.files"));
        var containers = new ContainerExecutor(engine, images, new RunOwner("bench", "bench"), 100_000, volume ? null : work.resolve("containers"));
        for (String type : System.getProperty("bench.types", "BASH").split(",")) {
            var eventType = EventType.valueOf(type.trim());
            String script = switch (eventType) {
                case PYTHON -> "print('hi')";
                case NODE -> "console.log('hi')";
                default -> "echo hi";
            };
            var interpreter = Interpreter.of(eventType);
            List<String> plain = plainDockerRun(images, interpreter, script);
            run(plain); // warm-up: first use of the image's layers
            containers.execute(request(eventType, script, Isolation.CONTAINER), OutputSink.DISCARD, new Cancellation());
            List<Double> ours = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            Map<String, List<Double>> steps = new java.util.LinkedHashMap<>();
            for (int i = 0; i < containerRuns; i++) {
                floor.add(run(plain));
                long t0 = System.nanoTime();
                var result = containers.execute(request(eventType, script, Isolation.CONTAINER), OutputSink.DISCARD,
                        new Cancellation());
                ours.add((System.nanoTime() - t0) / 1e6);
                if (result.outcome() != ExecutionOutcome.SUCCEEDED) {
                    throw new IllegalStateException("container run failed: " + result.failureReason());
                }
                result.timings().steps().forEach((k, v) -> steps.computeIfAbsent(k, x -> new ArrayList<>()).add(v.doubleValue()));
            }
            report("container executor, " + type, ours, "docker run --rm, same limits", floor, 100);
            var medians = new StringBuilder("  executor steps (median ms):");
            steps.forEach((k, v) -> medians.append(String.format(Locale.ROOT, " %s %.0f", k, StartupBench.median(v))));
            System.out.println(medians);
        }

        var process = new LocalProcessExecutor(Executors.defaultThreadFactory(), work, 100_000);
        List<Double> ours = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        for (int i = 0; i < processRuns + 5; i++) {
            long t0 = System.nanoTime();
            var p = new ProcessBuilder("bash", "-c", "echo hi").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            double fork = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            process.execute(request(EventType.BASH, "echo hi", Isolation.PROCESS), OutputSink.DISCARD, new Cancellation());
            double executor = (System.nanoTime() - t0) / 1e6;
            if (i >= 5) { // the first runs warm up the JIT and the reader threads
                floor.add(fork);
                ours.add(executor);
            }
        }
        report("local process executor, bash", ours, "fork/exec bash -c", floor, 15);
        if (Files.isReadable(Path.of("/run/cronium-ssh/keys/id_ed25519"))) {
            ssh(Integer.getInteger("bench.ssh-runs", 50));
        }
    }

    /**
     * (3) The SSH executor on a pooled session against the floor: a bare JSch exec of the same script on an open
     * session of the same host (the test hosts of server-config/ssh/start-hosts.sh).
     */
    static void ssh(int runs) throws Exception {
        String key = Files.readString(Path.of("/run/cronium-ssh/keys/id_ed25519"));
        var target = new SshTarget("10.77.0.11", 22, "cronium-test", key, null, null, null);
        var readers = Executors.newCachedThreadPool();
        var pool = new SshSessionPool(new SshConnector(Duration.ofSeconds(5)), 4, Duration.ofMinutes(5));
        var executor = new SshExecutor(pool, readers, 100_000);
        var session = new SshConnector(Duration.ofSeconds(5)).connect(target).session();
        List<Double> ours = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        for (int i = 0; i < runs + 5; i++) {
            long t0 = System.nanoTime();
            exec(session, "bash -c 'echo hi'");
            double bare = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            sshRun(executor, target);
            double run = (System.nanoTime() - t0) / 1e6;
            if (i >= 5) { // the first runs deploy the runner and warm up
                floor.add(bare);
                ours.add(run);
            }
        }
        report("ssh executor, bash, pooled session", ours, "JSch exec bash -c on an open session", floor, 30);

        // a run that finds its runner missing (first run of a version on a server, or /tmp cleaned): deploy + run
        List<Double> deploying = new ArrayList<>();
        List<Double> pooled = new ArrayList<>();
        for (int i = 0; i < Math.max(10, runs / 5); i++) {
            exec(session, "rm -rf /tmp/cronium-runner-*");
            long t0 = System.nanoTime();
            sshRun(executor, target);
            deploying.add((System.nanoTime() - t0) / 1e6);
            t0 = System.nanoTime();
            sshRun(executor, target);
            pooled.add((System.nanoTime() - t0) / 1e6);
        }
        report("ssh executor, runner re-deployed first", deploying, "ssh executor, pooled, runner in place", pooled, 0);
        session.disconnect();
        pool.close();

        // cold: no pooled session (the first run on a server, or after the idle eviction): TCP, key exchange, login
        List<Double> cold = new ArrayList<>();
        List<Double> coldFloor = new ArrayList<>();
        for (int i = 0; i < Math.max(10, runs / 5); i++) {
            long t0 = System.nanoTime();
            var fresh = new SshConnector(Duration.ofSeconds(5)).connect(target).session();
            exec(fresh, "bash -c 'echo hi'");
            fresh.disconnect();
            coldFloor.add((System.nanoTime() - t0) / 1e6);
            var coldPool = new SshSessionPool(new SshConnector(Duration.ofSeconds(5)), 4, Duration.ofMinutes(5));
            t0 = System.nanoTime();
            sshRun(new SshExecutor(coldPool, readers, 100_000), target);
            cold.add((System.nanoTime() - t0) / 1e6);
            coldPool.close();
        }
        report("ssh executor, cold (new session)", cold, "JSch connect + exec bash -c", coldFloor, 30);
        readers.shutdownNow();
    }

    private static void sshRun(SshExecutor executor, SshTarget target) {
        var result = executor.execute(request(EventType.BASH, "echo hi", Isolation.PROCESS), "bench", target,
                OutputSink.DISCARD, new Cancellation());
        if (result.outcome() != ExecutionOutcome.SUCCEEDED) {
            throw new IllegalStateException("ssh run failed: " + result.failureReason());
        }
    }

    private static void exec(com.jcraft.jsch.Session session, String command) throws Exception {
        var channel = (com.jcraft.jsch.ChannelExec) session.openChannel("exec");
        channel.setCommand(command);
        var in = channel.getInputStream();
        channel.connect();
        in.readAllBytes();
        while (!channel.isClosed()) {
            Thread.sleep(1);
        }
        channel.disconnect();
    }

    static ExecutionRequest request(EventType type, String script, Isolation isolation) {
        return new ExecutionRequest("exec_bench_" + System.nanoTime(), 1, 1, 1, 1, type, script, Map.of(),
                Duration.ofSeconds(60), null, new ExecutionSpec(isolation, new ResourceLimits(), new HttpCall()), null);
    }

    /** The same image, user, limits and isolation flags the executor gives a run (ResourceLimits' defaults). */
    static List<String> plainDockerRun(ContainerImages images, Interpreter interpreter, String script) {
        var limits = new ResourceLimits();
        String tmpfs = "rw,exec,nosuid,nodev,size=" + limits.workDirMb() + "m,uid=1000,gid=1000,mode=0700";
        List<String> command = new ArrayList<>(List.of(DOCKER, "run", "--rm", "--init", "--network", "none",
                "--memory", limits.memoryMb() + "m", "--memory-swap", limits.memoryMb() + "m",
                "--cpus", Double.toString(limits.cpus()), "--pids-limit", Integer.toString(limits.pids()),
                "--read-only", "--tmpfs", "/work:" + tmpfs, "--tmpfs", "/tmp:" + tmpfs,
                "--security-opt", "no-new-privileges", "--cap-drop", "ALL", "--user", "1000:1000",
                imageOf(images, interpreter)));
        command.addAll(interpreter.command());
        command.add(switch (interpreter) {
            case BASH -> "-c";
            case PYTHON -> "-c";
            case NODE -> "-e";
        });
        command.add(script);
        return command;
    }

    private static String imageOf(ContainerImages images, Interpreter interpreter) {
        return switch (interpreter) {
            case BASH -> images.bash();
            case PYTHON -> images.python();
            case NODE -> images.node();
        };
    }

    static double run(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    static void report(String ours, List<Double> oursMs, String floor, List<Double> floorMs, double targetMs) {
        double a = StartupBench.median(oursMs);
        double b = StartupBench.median(floorMs);
        System.out.printf(Locale.ROOT, "%s: median %.1f ms, p90 %.1f ms (%d runs)%n", ours, a, p90(oursMs), oursMs.size());
        System.out.printf(Locale.ROOT, "%s: median %.1f ms, p90 %.1f ms%n", floor, b, p90(floorMs));
        if (targetMs > 0) {
            System.out.printf(Locale.ROOT, "  overhead %+.1f ms (ratio %.2f); target <= +%.0f ms: %s%n", a - b, a / b,
                    targetMs, a - b <= targetMs ? "met" : "MISSED");
        } else {
            System.out.printf(Locale.ROOT, "  difference %+.1f ms (ratio %.2f)%n", a - b, a / b);
        }
    }

    static double p90(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.9) - 1));
    }
}
