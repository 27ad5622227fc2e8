package io.cronium.events.entity;

import io.cronium.common.Jsons;
import jakarta.json.JsonString;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The request an HTTP event sends, and which answers count as success. */
@Embeddable
public class HttpCall {

    @Column(name = "http_method")
    private String method;

    @Column(name = "http_url")
    private String url;

    /** A JSON object of header names to values, in the order given. */
    @Column(name = "http_headers")
    private String headers;

    @Column(name = "http_body")
    private String body;

    @Column(name = "http_follow_redirects", nullable = false)
    private boolean followRedirects = true;

    @Column(name = "http_success_statuses", nullable = false)
    private String successStatuses = SuccessStatuses.DEFAULT;

    public HttpCall() {
    }

    public HttpCall(String method, String url, Map<String, String> headers, String body, boolean followRedirects,
                    String successStatuses) {
        this.method = method;
        this.url = url;
        this.headers = headersJson(headers);
        this.body = body;
        this.followRedirects = followRedirects;
        this.successStatuses = successStatuses == null ? SuccessStatuses.DEFAULT : successStatuses;
    }

    /** As read from the database, headers still as their JSON text. */
    public static HttpCall stored(String method, String url, String headersJson, String body, boolean followRedirects,
                                  String successStatuses) {
        var call = new HttpCall(method, url, null, body, followRedirects, successStatuses);
        call.headers = headersJson;
        return call;
    }

    public boolean isDefined() {
        return method != null && url != null;
    }

    public String method() { return method; }
    public String url() { return url; }
    public String body() { return body; }
    public boolean followRedirects() { return followRedirects; }
    public String successStatuses() { return successStatuses; }

    public Map<String, String> headers() {
        if (headers == null || headers.isBlank()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        try (var reader = Jsons.createReader(new StringReader(headers))) {
            reader.readObject().forEach((k, v) -> map.put(k, ((JsonString) v).getString()));
        }
        return Collections.unmodifiableMap(map);
    }

    private static String headersJson(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        var json = Jsons.createObjectBuilder();
        headers.forEach(json::add);
        return json.build().toString();
    }
}
