package io.cronium.execution;

import io.cronium.common.Jsons;
import io.cronium.events.entity.Event;
import io.cronium.events.entity.HttpCall;
import io.cronium.events.entity.Isolation;
import io.cronium.events.entity.NetworkAccess;
import io.cronium.events.entity.ResourceLimits;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an event's runs execute besides the script itself: isolation, container limits, the HTTP request, and
 * whether it runs on servers ({@code remote}; then {@code servers} are they, possibly none left) or on this node.
 */
public record ExecutionSpec(Isolation isolation, ResourceLimits limits, HttpCall http, boolean remote, List<Long> servers) {

    public static final ExecutionSpec DEFAULT = new ExecutionSpec(Isolation.AUTO, new ResourceLimits(), new HttpCall());

    public ExecutionSpec {
        isolation = isolation == null ? Isolation.AUTO : isolation;
        limits = limits == null ? new ResourceLimits() : limits;
        http = http == null ? new HttpCall() : http;
        servers = servers == null ? List.of() : List.copyOf(servers);
    }

    public ExecutionSpec(Isolation isolation, ResourceLimits limits, HttpCall http) {
        this(isolation, limits, http, false, List.of());
    }

    /** The event's settings for a run on this node; a REMOTE event's servers come from {@link #onServers}. */
    public static ExecutionSpec of(Event event) {
        return new ExecutionSpec(event.getIsolation(), event.getLimits(), event.getHttp());
    }

    public ExecutionSpec onServers(List<Long> ids) {
        return new ExecutionSpec(isolation, limits, http, true, ids);
    }

    public void writeTo(JsonObjectBuilder json) {
        json.add("isolation", isolation.name());
        if (remote()) {
            var ids = Jsons.createArrayBuilder();
            servers.forEach(ids::add);
            json.add("servers", ids);
        }
        json.add("limits", Jsons.createObjectBuilder()
                .add("cpus", limits.cpus())
                .add("memoryMb", limits.memoryMb())
                .add("pids", limits.pids())
                .add("workDirMb", limits.workDirMb())
                .add("network", limits.network().name()));
        if (http.isDefined()) {
            var headers = Jsons.createObjectBuilder();
            http.headers().forEach(headers::add);
            var call = Jsons.createObjectBuilder()
                    .add("method", http.method())
                    .add("url", http.url())
                    .add("headers", headers)
                    .add("followRedirects", http.followRedirects())
                    .add("successStatuses", http.successStatuses());
            if (http.body() != null) {
                call.add("body", http.body());
            }
            json.add("http", call);
        }
    }

    /** Reads what {@link #writeTo} wrote; a job queued by an older version has none of it and gets the defaults. */
    public static ExecutionSpec readFrom(JsonObject json) {
        Isolation isolation = Isolation.parse(json.getString("isolation", Isolation.AUTO.name()));
        ResourceLimits limits = new ResourceLimits();
        if (json.containsKey("limits")) {
            JsonObject l = json.getJsonObject("limits");
            limits = new ResourceLimits(l.getJsonNumber("cpus").doubleValue(), l.getInt("memoryMb"), l.getInt("pids"),
                    l.getInt("workDirMb"), NetworkAccess.valueOf(l.getString("network")));
        }
        HttpCall http = new HttpCall();
        if (json.containsKey("http")) {
            JsonObject h = json.getJsonObject("http");
            Map<String, String> headers = new LinkedHashMap<>();
            h.getJsonObject("headers").forEach((k, v) -> headers.put(k, ((jakarta.json.JsonString) v).getString()));
            http = new HttpCall(h.getString("method"), h.getString("url"), headers, h.getString("body", null),
                    h.getBoolean("followRedirects", true), h.getString("successStatuses", null));
        }
        boolean remote = json.containsKey("servers");
        List<Long> servers = remote ? json.getJsonArray("servers").stream()
                .map(v -> ((JsonNumber) v).longValue()).toList() : List.of();
        return new ExecutionSpec(isolation, limits, http, remote, servers);
    }
}
