package io.cronium.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Payara Micro running the Cronium WAR in a child JVM whose output is this process's output. */
public final class PayaraMicroProcess {

    private final Process process;
    private final int port;

    private PayaraMicroProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static PayaraMicroProcess start(LauncherSettings settings, DatabaseTarget database, KeyMaterial keys)
            throws IOException {
        Path dist = settings.distribution();
        Path serverDir = settings.dataDir().resolve("server");
        Files.createDirectories(serverDir);
        Path postBoot = serverDir.resolve("post-boot.asadmin");
        Files.writeString(postBoot, DataSourceCommands.forTarget(database));
        try {
            Files.setPosixFilePermissions(postBoot, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(settings.javaOptions().trim().split("\\s+")));
        command.add("-Dcronium.jwt.private-key-location=" + keys.signingKey());
        command.add("-Dcronium.work-dir=" + settings.dataDir().resolve("runs"));
        command.addAll(List.of("-jar", dist.resolve("payara-micro.jar").toString(),
                "--deploy", dist.resolve("cronium.war").toString(),
                "--contextroot", "/",
                "--port", Integer.toString(settings.port()),
                "--nocluster",
                "--addLibs", dist.resolve("postgresql.jar").toString(),
                "--postbootcommandfile", postBoot.toString()));
        var builder = new ProcessBuilder(command).inheritIO();
        // Secrets travel in the environment, never on the command line where any user could read them.
        builder.environment().put("ENCRYPTION_KEY", keys.encryptionKey());
        return new PayaraMicroProcess(builder.start(), settings.port());
    }

    /** Waits until the readiness endpoint says UP; false if the server died or the time ran out. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return false;
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM lets Payara shut down cleanly; a server that hangs is killed after the grace period. */
    public void stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
