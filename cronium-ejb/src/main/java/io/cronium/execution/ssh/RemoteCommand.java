package io.cronium.execution.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.cronium.execution.OutputChannel;
import io.cronium.execution.OutputSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One command on an open session: its stdin given whole (then closed, so the command sees the end of its input),
 * stdout and stderr read line by line as they come, and its exit status.
 */
final class RemoteCommand {

    private final ChannelExec channel;
    private final CompletableFuture<Void> streamsEnded;

    private RemoteCommand(ChannelExec channel, CompletableFuture<Void> out, CompletableFuture<Void> err) {
        this.channel = channel;
        this.streamsEnded = CompletableFuture.allOf(out, err);
    }

    /** Starts {@code command}; {@code stdin} (may be null) is written and closed at once. */
    static RemoteCommand start(Session session, String command, byte[] stdin, OutputSink sink, ExecutorService readers,
                               int connectTimeoutMillis) throws JSchException, IOException {
        var channel = (ChannelExec) session.openChannel("exec");
        channel.setCommand(command);
        InputStream stdout = channel.getInputStream();
        InputStream stderr = channel.getExtInputStream();
        OutputStream input = channel.getOutputStream();
        channel.connect(connectTimeoutMillis);
        var running = new RemoteCommand(channel, pump(stdout, OutputChannel.STDOUT, sink, readers),
                pump(stderr, OutputChannel.STDERR, sink, readers));
        try (input) {
            if (stdin != null) {
                input.write(stdin);
            }
        } catch (IOException e) {
            // the command ended before reading all of its input: its exit status says why
        }
        return running;
    }

    /**
     * Waits up to {@code millis} for the command to end, or until {@code interrupt} completes; returns its exit
     * status, or null if it still runs. Both output streams end when the command does; the exit status follows.
     */
    Integer await(long millis, CompletableFuture<?> interrupt) throws InterruptedException {
        try {
            CompletableFuture.anyOf(streamsEnded, interrupt).get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            // a reader failed: the channel is going away; its status tells
        }
        if (!streamsEnded.isDone()) {
            return null;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!channel.isClosed() && System.nanoTime() < deadline) {
            Thread.sleep(1); // the exit-status message arrives just before the close
        }
        return channel.getExitStatus();
    }

    void close() {
        channel.disconnect();
    }

    private static CompletableFuture<Void> pump(InputStream in, OutputChannel stream, OutputSink sink,
                                                ExecutorService readers) {
        return CompletableFuture.runAsync(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.line(stream, line);
                }
            } catch (IOException ignored) {
                // the channel closed: what was read is kept
            }
        }, readers);
    }

    /** Runs a short command to its end and returns its stdout; a failure is reported in {@code phase}. */
    static String run(Session session, String line, byte[] stdin, ExecutorService readers, long timeoutMillis,
                      SshPhase phase) throws JSchException, IOException, InterruptedException, SshFailure {
        Result result = result(session, line, stdin, readers, timeoutMillis, phase);
        if (result.status() != 0) {
            throw new SshFailure(phase, "exit status " + result.status() + ": " + result.stderr().strip());
        }
        return result.stdout();
    }

    /** How a short command ended: its exit status and what it printed. */
    record Result(int status, String stdout, String stderr) {
    }

    /** Runs a short command to its end, whatever its exit status; no answer within the time is a failure. */
    static Result result(Session session, String line, byte[] stdin, ExecutorService readers, long timeoutMillis,
                         SshPhase phase) throws JSchException, IOException, InterruptedException, SshFailure {
        var text = new StringBuilder();
        var errors = new StringBuilder();
        var command = start(session, line, stdin, (stream, output) -> {
            synchronized (text) {
                (stream == OutputChannel.STDERR ? errors : text).append(output).append('\n');
            }
        }, readers, (int) timeoutMillis);
        try {
            Integer status = command.await(timeoutMillis, new CompletableFuture<>());
            if (status == null) {
                throw new SshFailure(phase, "no answer within " + timeoutMillis + " ms");
            }
            synchronized (text) {
                return new Result(status, text.toString(), errors.toString());
            }
        } finally {
            command.close();
        }
    }
}
