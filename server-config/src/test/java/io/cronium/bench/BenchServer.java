package io.cronium.bench;

import io.cronium.launcher.EmbeddedDatabase;
import jakarta.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The embedded default, started by its launcher jar on a fresh data directory, for a benchmark to drive. */
final class BenchServer implements AutoCloseable {

    private final Process process;
    private final String pgPort;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String token;

    private BenchServer(Process process, String pgPort, int port) throws Exception {
        this.process = process;
        this.pgPort = pgPort;
        this.port = port;
        String login = post("/auth/token", "{\"username\":\"admin\",\"password\":\"bench-admin-password\"}", null).body();
        try (var reader = Json.createReader(new StringReader(login))) {
            this.token = reader.readObject().getString("token");
        }
    }

    /** Starts it with the given extra environment (e.g. CRONIUM_WORKERS) and waits until it is ready. */
    static BenchServer start(Map<String, String> env) throws Exception {
        Path dist = Path.of(System.getProperty("cronium.dist", "server-config/target/cronium")).toAbsolutePath();
        int port = EmbeddedDatabase.freePort();
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-jar", dist.resolve("cronium-launcher.jar").toString()).redirectErrorStream(true);
        builder.environment().put("CRONIUM_DATA_DIR", Files.createTempDirectory("cronium-bench").toString());
        builder.environment().put("CRONIUM_PORT", Integer.toString(port));
        builder.environment().put("CRONIUM_ADMIN_PASSWORD", "bench-admin-password");
        builder.environment().putAll(env);
        Process server = builder.start();
        var pgPort = new CompletableFuture<String>();
        var ready = new CompletableFuture<Void>();
        Thread reader = new Thread(() -> {
            var pattern = Pattern.compile("embedded PostgreSQL started in \\d+ ms on port (\\d+)");
            try (var in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    var m = pattern.matcher(line);
                    if (m.find()) {
                        pgPort.complete(m.group(1));
                    }
                    if (line.contains("Cronium is ready")) {
                        ready.complete(null);
                    }
                }
            } catch (Exception ignored) {
                // the server ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(5, TimeUnit.MINUTES);
            return new BenchServer(server, pgPort.get(), port);
        } catch (Exception e) {
            server.toHandle().destroy();
            throw e;
        }
    }

    String apiBase() {
        return "http://localhost:" + port + "/api/v1";
    }

    String token() {
        return token;
    }

    HttpClient http() {
        return http;
    }

    Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/" + name, "postgres", "");
    }

    HttpResponse<String> post(String path, String json, String bearer) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(apiBase() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates an event through the API and returns its id. */
    long createEvent(String json) throws Exception {
        return create("/events", json);
    }

    /** Creates something through the API (POST to a collection) and returns its id. */
    long create(String collection, String json) throws Exception {
        var reply = post(collection, json, token);
        if (reply.statusCode() != 201) {
            throw new IllegalStateException("POST " + collection + " failed: " + reply.body());
        }
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            return reader.readObject().getJsonNumber("id").longValue();
        }
    }

    @Override
    public void close() throws Exception {
        process.toHandle().destroy();
        process.waitFor();
    }
}
