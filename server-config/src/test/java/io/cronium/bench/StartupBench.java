package io.cronium.bench;

import io.cronium.launcher.EmbeddedDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Time from start to serving and idle resident memory of the embedded default (launcher + Payara Micro +
 * embedded PostgreSQL), against the floor of the same Payara Micro serving an empty WAR, measured in the same run.
 * Usage: {@code ./cronium bench} (see docs/BENCHMARKS.md).
 */
public final class StartupBench {

    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final Duration IDLE = Duration.ofSeconds(Integer.getInteger("bench.idle-seconds", 15));

    private StartupBench() {
    }

    record Sample(double secondsToReady, long idleRssKib) {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(System.getProperty("cronium.dist", "server-config/target/cronium")).toAbsolutePath();
        Path work = Files.createTempDirectory("cronium-bench");
        System.out.println(machine());

        Path data = work.resolve("data");
        Sample cold = cronium(dist, data);
        List<Sample> warm = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            warm.add(cronium(dist, data));
        }
        Path emptyWar = emptyWar(work);
        List<Sample> bare = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            bare.add(barePayara(dist, emptyWar));
        }

        double warmMedian = median(warm.stream().map(Sample::secondsToReady).toList());
        double bareMedian = median(bare.stream().map(Sample::secondsToReady).toList());
        double warmRss = median(warm.stream().map(s -> (double) s.idleRssKib()).toList()) / 1024;
        double bareRss = median(bare.stream().map(s -> (double) s.idleRssKib()).toList()) / 1024;
        System.out.printf(Locale.ROOT, "first start (new data directory: initdb, schema migration): %.1f s to ready, idle RSS %.0f MiB%n",
                cold.secondsToReady(), cold.idleRssKib() / 1024.0);
        System.out.printf(Locale.ROOT, "start with existing data, median of %d: %.1f s to ready (runs %s)%n", RUNS, warmMedian,
                warm.stream().map(s -> String.format(Locale.ROOT, "%.1f", s.secondsToReady())).toList());
        System.out.printf(Locale.ROOT, "floor: the same Payara Micro with an empty WAR, median of %d: %.1f s (runs %s)%n", RUNS,
                bareMedian, bare.stream().map(s -> String.format(Locale.ROOT, "%.1f", s.secondsToReady())).toList());
        System.out.printf(Locale.ROOT, "start ratio cronium/floor: %.2f%n", warmMedian / bareMedian);
        System.out.printf(Locale.ROOT, "idle resident memory after %d s (launcher + server + PostgreSQL, all processes): %.0f MiB; floor %.0f MiB; ratio %.2f%n",
                IDLE.toSeconds(), warmRss, bareRss, warmRss / bareRss);
        deleteTree(work);
    }

    /** One start of the embedded default exactly as ./cronium does it (the launcher jar), then a clean stop. */
    static Sample cronium(Path dist, Path data) throws Exception {
        int port = EmbeddedDatabase.freePort();
        var builder = new ProcessBuilder(java(), "-Xmx96m", "-jar", dist.resolve("cronium-launcher.jar").toString());
        builder.environment().put("CRONIUM_DATA_DIR", data.toString());
        builder.environment().put("CRONIUM_PORT", Integer.toString(port));
        builder.environment().put("CRONIUM_ADMIN_PASSWORD", "bench-admin-password");
        return measure(builder, port);
    }

    /** The floor: Payara Micro with the same JVM options and data source, serving an empty WAR. */
    static Sample barePayara(Path dist, Path emptyWar) throws Exception {
        int port = EmbeddedDatabase.freePort();
        var builder = new ProcessBuilder(java(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-jar",
                dist.resolve("payara-micro.jar").toString(), "--deploy", emptyWar.toString(), "--contextroot", "/",
                "--port", Integer.toString(port), "--nocluster");
        return measure(builder, port);
    }

    static Sample measure(ProcessBuilder builder, int port) throws Exception {
        builder.redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process process = builder.start();
        drain(process.getInputStream());
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        double seconds = -1;
        while (process.isAlive() && System.nanoTime() - t0 < Duration.ofMinutes(5).toNanos()) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    seconds = (System.nanoTime() - t0) / 1e9;
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        if (seconds < 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not become ready");
        }
        Thread.sleep(IDLE.toMillis());
        long rss = rssKib(process.toHandle());
        process.toHandle().destroy();
        process.waitFor();
        return new Sample(seconds, rss);
    }

    /** Resident memory of a process and all its descendants, from /proc. */
    static long rssKib(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).mapToLong(h -> {
            try {
                return Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).sum();
            } catch (IOException gone) {
                return 0;
            }
        }).sum();
    }

    static Path emptyWar(Path dir) throws IOException {
        Path war = dir.resolve("empty.war");
        try (var zip = new ZipOutputStream(Files.newOutputStream(war))) {
            zip.putNextEntry(new ZipEntry("index.html"));
            zip.write("<p>empty</p>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return war;
    }

    static String machine() {
        long memKib = 0;
        try {
            memKib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).sum();
        } catch (IOException ignored) {
            // not Linux
        }
        return String.format(Locale.ROOT, "date %s; %d cores, %.0f GiB, %s %s, Java %s",
                Instant.now().toString().substring(0, 19) + "Z", Runtime.getRuntime().availableProcessors(),
                memKib / 1024.0 / 1024.0, System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"));
    }

    static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void drain(InputStream in) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(java.io.OutputStream.nullOutputStream()); // the servers' own logs are not figures
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }


    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
