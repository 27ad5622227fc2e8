package io.cronium.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** A minimal server-sent events client that notes when each event arrived. */
final class EventStream {

    record Event(String name, String id, JsonObject data, long arrivedNanos) {
    }

    private final List<Event> events = new ArrayList<>();
    private final CompletableFuture<Integer> done;

    private EventStream(CompletableFuture<Integer> done) {
        this.done = done;
    }

    /** Opens a stream; the returned object collects events until the server closes it. */
    static EventStream open(String baseUrl, String path, String token, String lastEventId) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        var holder = new EventStream[1];
        CompletableFuture<Integer> done = HttpClient.newHttpClient()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    holder[0].read(response.body());
                    return response.statusCode();
                });
        holder[0] = new EventStream(done);
        return holder[0];
    }

    private void read(Stream<String> lines) {
        String[] name = {null};
        String[] id = {null};
        StringBuilder data = new StringBuilder();
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    JsonObject json;
                    try (var reader = Json.createReader(new StringReader(data.toString()))) {
                        json = reader.readObject();
                    }
                    synchronized (events) {
                        events.add(new Event(name[0] == null ? "message" : name[0], id[0], json, System.nanoTime()));
                    }
                }
                name[0] = null;
                id[0] = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name[0] = line.substring(6).trim();
            } else if (line.startsWith("id:")) {
                id[0] = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        });
    }

    /** Waits until the server ends the stream; returns the HTTP status. */
    int awaitEnd(Duration timeout) throws Exception {
        return done.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
