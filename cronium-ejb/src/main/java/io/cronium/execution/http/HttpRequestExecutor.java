package io.cronium.execution.http;

import io.cronium.events.entity.HttpCall;
import io.cronium.events.entity.SuccessStatuses;
import io.cronium.execution.Cancellation;
import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionRequest;
import io.cronium.execution.ExecutionResult;
import io.cronium.execution.Executor;
import io.cronium.execution.OutputBuffer;
import io.cronium.execution.OutputChannel;
import io.cronium.execution.OutputSink;
import io.cronium.logs.entity.PhaseTimings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Sends an HTTP event's request and records the answer like {@code curl -i}: the status line, the headers, a blank
 * line and the body, streamed line by line while it arrives. Success is a status in the event's success list
 * (2xx unless configured); anything else fails the run, so the event's retries apply (e.g. to a 503).
 */
public class HttpRequestExecutor implements Executor {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient following;
    private final HttpClient notFollowing;
    private final int outputLimitChars;

    public HttpRequestExecutor(java.util.concurrent.Executor threads, int outputLimitChars) {
        this.following = client(threads, HttpClient.Redirect.NORMAL);
        this.notFollowing = client(threads, HttpClient.Redirect.NEVER);
        this.outputLimitChars = outputLimitChars;
    }

    private static HttpClient client(java.util.concurrent.Executor threads, HttpClient.Redirect redirects) {
        return HttpClient.newBuilder().executor(threads).followRedirects(redirects).connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public boolean sandboxed() {
        return true; // no code of the user runs on this node
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request, OutputSink sink, Cancellation cancellation) {
        long t0 = System.nanoTime();
        HttpCall call = request.spec().http();
        var output = new OutputBuffer(outputLimitChars);
        OutputSink lines = (stream, line) -> {
            output.appendLine(line);
            sink.line(stream, line);
        };
        HttpRequest httpRequest;
        SuccessStatuses success;
        try {
            httpRequest = build(call, request);
            success = SuccessStatuses.parse(call.successStatuses());
        } catch (IllegalArgumentException e) {
            return failed(null, "", "the request cannot be sent: " + e.getMessage(), new PhaseTimings(millisSince(t0), 0, 0));
        }
        long setupMs = millisSince(t0);
        long t1 = System.nanoTime();
        var sending = (call.followRedirects() ? following : notFollowing)
                .sendAsync(httpRequest, HttpResponse.BodyHandlers.ofLines());
        var deadline = CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(request.timeout().toMillis(), TimeUnit.MILLISECONDS));
        HttpResponse<Stream<String>> response;
        try {
            CompletableFuture.anyOf(sending, deadline, cancellation.requested()).get();
            if (!sending.isDone()) {
                sending.cancel(true);
                return stopped(request, cancellation, output, setupMs, millisSince(t1));
            }
            response = sending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sending.cancel(true);
            cancellation.request("the server is shutting down");
            return stopped(request, cancellation, output, setupMs, millisSince(t1));
        } catch (ExecutionException e) {
            return failed(null, output.text(), describe(e.getCause(), httpRequest.uri()),
                    new PhaseTimings(setupMs, millisSince(t1), 0));
        }
        lines.line(OutputChannel.STDOUT, "HTTP " + response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) { // HTTP/2 pseudo-headers: the status line says it already
                values.forEach(value -> lines.line(OutputChannel.STDOUT, name + ": " + value));
            }
        });
        lines.line(OutputChannel.STDOUT, "");
        boolean complete = readBody(response.body(), lines, deadline, cancellation);
        long executionMs = millisSince(t1);
        if (!complete) {
            return stopped(request, cancellation, output, setupMs, executionMs);
        }
        var timings = new PhaseTimings(setupMs, executionMs, 0);
        int status = response.statusCode();
        if (success.contains(status)) {
            return new ExecutionResult(ExecutionOutcome.SUCCEEDED, 0, output.text(), "", null, timings);
        }
        return failed(1, output.text(), "HTTP " + status + " is not a success status (" + call.successStatuses() + ")",
                timings);
    }

    /** Reads the body to its end unless the deadline passes or the run is cancelled first; closing stops it. */
    private static boolean readBody(Stream<String> body, OutputSink lines, CompletableFuture<Void> deadline,
                                    Cancellation cancellation) {
        var interrupted = CompletableFuture.anyOf(deadline, cancellation.requested());
        interrupted.thenRun(body::close);
        try (body) {
            body.forEach(line -> lines.line(OutputChannel.STDOUT, line));
            return !interrupted.isDone();
        } catch (UncheckedIOException | IllegalStateException e) {
            return !interrupted.isDone();
        }
    }

    private static HttpRequest build(HttpCall call, ExecutionRequest request) {
        Map<String, String> env = new LinkedHashMap<>(request.env());
        URI uri = URI.create(Placeholders.expand(call.url(), env));
        String body = Placeholders.expand(call.body(), env);
        var builder = HttpRequest.newBuilder(uri)
                .method(call.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        builder.header("User-Agent", "Cronium");
        builder.header("X-Cronium-Run-Id", request.executionId());
        call.headers().forEach((name, value) -> builder.setHeader(name, Placeholders.expand(value, env)));
        return builder.build();
    }

    private static ExecutionResult stopped(ExecutionRequest request, Cancellation cancellation, OutputBuffer output,
                                           long setupMs, long executionMs) {
        var timings = new PhaseTimings(setupMs, executionMs, 0);
        if (cancellation.isRequested()) {
            return new ExecutionResult(ExecutionOutcome.CANCELLED, null, output.text(), "",
                    cancellation.reason() + "; the request was aborted", timings);
        }
        return new ExecutionResult(ExecutionOutcome.TIMED_OUT, null, output.text(), "",
                "timed out after " + request.timeout().toSeconds() + " s; the request was aborted", timings);
    }

    private static ExecutionResult failed(Integer exitCode, String output, String reason, PhaseTimings timings) {
        return new ExecutionResult(ExecutionOutcome.FAILED, exitCode, output, "", reason, timings);
    }

    private static String describe(Throwable cause, URI uri) {
        String target = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        if (cause instanceof HttpConnectTimeoutException) {
            return "could not connect to " + target + " within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "could not connect to " + target + ": connection refused";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no response from " + target + " in time";
        }
        if (cause instanceof IOException) {
            return "the request to " + target + " failed: " + (cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return "the request to " + target + " failed: " + cause;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
