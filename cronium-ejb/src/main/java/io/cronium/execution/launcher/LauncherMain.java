package io.cronium.execution.launcher;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The process launcher: a small JVM, started once per node by {@link ProcessLauncher}, that starts scripts on the
 * server's behalf. The server's JVM holds hundreds of open files (its runtime's jars), and a child it starts must
 * close each before it runs the script: 4-5 ms per start there, about 1 ms here (docs/BENCHMARKS.md). Requests come
 * on standard input, output lines and exits go back on standard output ({@link LauncherFrames}); when the server
 * goes (its end of the pipe closes), the scripts still running are ended with it, so that a recovery that re-runs
 * them elsewhere never runs beside them. JDK classes only: this class and the few it uses are copied out of the
 * application and run on their own.
 */
public final class LauncherMain {

    private final DataOutputStream out;
    private final long graceMillis;
    private final Map<Long, Process> running = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "launcher");
        t.setDaemon(true);
        return t;
    });

    LauncherMain(DataOutputStream out, long graceMillis) {
        this.out = out;
        this.graceMillis = graceMillis;
    }

    public static void main(String[] args) throws Exception {
        var stdout = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err); // the standard output carries frames only
        var launcher = new LauncherMain(stdout, Long.parseLong(args[0]));
        launcher.greet();
        launcher.serve(new DataInputStream(new BufferedInputStream(System.in, 1 << 16)));
        System.exit(0);
    }

    private void greet() throws IOException {
        synchronized (out) {
            out.writeByte(LauncherFrames.HELLO);
            out.writeInt(LauncherFrames.VERSION);
            out.flush();
        }
    }

    /** Serves requests until the server closes the pipe (it stopped or died), then ends what still runs. */
    void serve(DataInputStream in) {
        try {
            LauncherFrames.readEach(in, (kind, run) -> {
                if (kind == LauncherFrames.START) {
                    start(run, LauncherFrames.readString(in), LauncherFrames.readList(in), LauncherFrames.readMap(in));
                } else if (kind == LauncherFrames.KILL) {
                    kill(run);
                } else {
                    throw new IOException("unknown request " + kind);
                }
            });
        } catch (EOFException e) {
            // the server went mid-frame
        } catch (IOException e) {
            System.err.println("[cronium launcher] " + e);
        }
        running.values().parallelStream().forEach(p -> ProcessTrees.kill(p.toHandle(), graceMillis));
    }

    private void start(long run, String dir, List<String> command, Map<String, String> env) {
        Process process;
        try {
            var builder = new ProcessBuilder(command).directory(new File(dir));
            builder.environment().clear();
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            send(run, LauncherFrames.START_FAILED, f -> LauncherFrames.writeString(f, String.valueOf(e.getMessage())));
            return;
        }
        running.put(run, process);
        send(run, LauncherFrames.STARTED, f -> f.writeLong(process.pid()));
        try {
            process.getOutputStream().close(); // scripts read no stdin: a read returns EOF instead of hanging
        } catch (IOException ignored) {
            // nothing to close
        }
        Future<?> stdout = threads.submit(() -> pump(run, process.getInputStream(), LauncherFrames.STDOUT));
        Future<?> stderr = threads.submit(() -> pump(run, process.getErrorStream(), LauncherFrames.STDERR));
        threads.execute(() -> {
            int exit = waitFor(process);
            send(run, LauncherFrames.EXITED, f -> f.writeInt(exit));
            awaitQuietly(stdout); // a grandchild holding a pipe open is not waited for beyond the grace period
            awaitQuietly(stderr);
            running.remove(run);
            send(run, LauncherFrames.CLOSED, f -> { });
        });
    }

    private void kill(long run) {
        Process process = running.get(run);
        threads.execute(() -> {
            if (process != null) {
                ProcessTrees.kill(process.toHandle(), graceMillis);
            }
            send(run, LauncherFrames.KILLED, f -> { });
        });
    }

    private void pump(long run, InputStream stream, int channel) {
        try {
            var lines = new LineReader(stream);
            String piece;
            while ((piece = lines.readPiece()) != null) {
                String text = piece;
                send(run, lines.lineEnded() ? LauncherFrames.LINE : LauncherFrames.PART, f -> {
                    f.writeByte(channel);
                    LauncherFrames.writeString(f, text);
                });
            }
        } catch (IOException ignored) {
            // the process was killed and its pipe closed: what was read was sent
        }
    }

    private static int waitFor(Process process) {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                // only the JVM's end interrupts: keep waiting
            }
        }
    }

    private void awaitQuietly(Future<?> reader) {
        try {
            reader.get(graceMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // what was read was sent
        }
    }

    private void send(long run, int kind, LauncherFrames.Fields fields) {
        synchronized (out) {
            try {
                LauncherFrames.write(out, kind, run, fields);
            } catch (IOException e) {
                // the server is gone: serve() sees its input end and ends the runs
            }
        }
    }
}
