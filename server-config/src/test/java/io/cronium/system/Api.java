package io.cronium.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the REST API, as a script or integration would use it. */
public final class Api {

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    public Api(String baseUrl) {
        this.base = baseUrl;
    }

    public record Reply(int status, String contentType, String body) {
        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public String header() {
            return status + " " + contentType;
        }
    }

    public Api login(String username, String password) {
        var reply = post("/api/v1/auth/token",
                Json.createObjectBuilder().add("username", username).add("password", password).build().toString());
        if (reply.status() != 200) {
            throw new IllegalStateException("login failed: " + reply);
        }
        token = reply.json().getString("token");
        return this;
    }

    public String token() {
        return token;
    }

    public Api withToken(String token) {
        this.token = token;
        return this;
    }

    public Reply get(String path) {
        return send(builder(path).GET());
    }

    public Reply post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply post(String path, JsonStructure json) {
        return post(path, json.toString());
    }

    public Reply put(String path, JsonStructure json) {
        return send(builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.toString())));
    }

    public Reply delete(String path) {
        return send(builder(path).DELETE());
    }

    public Reply send(String method, String path, String contentType, String body) {
        return send(builder(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Creates an event and returns its id, failing the test when the API refuses it. */
    public long createEvent(JsonObject event) {
        var reply = post("/api/v1/events", event);
        if (reply.status() != 201) {
            throw new AssertionError("creating the event failed: " + reply);
        }
        return reply.json().getJsonNumber("id").longValue();
    }

    /** Polls a log until it has {@code status} (e.g. RUNNING). */
    public void awaitStatus(long logId, String status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!get("/api/v1/logs/" + logId).json().getString("status").equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("log " + logId + " never reached " + status + " in " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** Polls a log until it reaches a final status. */
    public JsonObject awaitFinished(long logId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject log;
        do {
            log = get("/api/v1/logs/" + logId).json();
            String status = log.getString("status");
            if (!status.equals("PENDING") && !status.equals("RUNNING")) {
                return log;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("log " + logId + " still " + log.getString("status") + " after " + timeout);
    }

    public static boolean isNull(JsonObject o, String key) {
        return !o.containsKey(key) || o.get(key).getValueType() == JsonValue.ValueType.NULL;
    }

    private HttpRequest.Builder builder(String path) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
