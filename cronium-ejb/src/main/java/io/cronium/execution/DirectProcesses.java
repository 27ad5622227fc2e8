package io.cronium.execution;

import io.cronium.execution.launcher.LineReader;
import io.cronium.execution.launcher.ProcessTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts scripts as child processes of this JVM. Where this JVM is an application server with hundreds of open
 * files, each start costs a few milliseconds more than from the process launcher; used when that cannot run.
 */
public final class DirectProcesses implements ProcessStarter {

    private final long killGraceMillis;
    /** Reads the runs' output streams; threads are reused, so a run does not pay for creating two. */
    private final ExecutorService readers;

    public DirectProcesses(ThreadFactory readerThreads, long killGraceMillis) {
        this.readers = Executors.newCachedThreadPool(readerThreads);
        this.killGraceMillis = killGraceMillis;
    }

    @Override
    public ScriptProcess start(List<String> command, Path directory, Map<String, String> environment, OutputSink lines)
            throws IOException {
        var builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            process.getOutputStream().close(); // scripts read no stdin: a read returns EOF instead of hanging
        } catch (IOException ignored) {
            // nothing to close
        }
        Future<?> out = pump(process.getInputStream(), OutputChannel.STDOUT, lines);
        Future<?> err = pump(process.getErrorStream(), OutputChannel.STDERR, lines);
        return new ScriptProcess() {
            private final CompletableFuture<Integer> exit = process.onExit().thenApply(Process::exitValue);

            @Override
            public CompletableFuture<Integer> onExit() {
                return exit;
            }

            @Override
            public void kill() {
                ProcessTrees.kill(process.toHandle(), killGraceMillis);
            }

            @Override
            public void awaitOutput(long maxMillis) throws InterruptedException {
                long deadline = System.currentTimeMillis() + maxMillis;
                awaitQuietly(out, deadline);
                awaitQuietly(err, deadline);
            }
        };
    }

    private static void awaitQuietly(Future<?> reader, long deadline) throws InterruptedException {
        try {
            reader.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // what was read is kept
        }
    }

    private Future<?> pump(InputStream in, OutputChannel stream, OutputSink sink) {
        return readers.submit(() -> {
            try (in) {
                var reader = new LineReader(in);
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.line(stream, line);
                }
            } catch (IOException ignored) {
                // the process was killed and its pipe closed: what was read is kept
            }
        });
    }
}
