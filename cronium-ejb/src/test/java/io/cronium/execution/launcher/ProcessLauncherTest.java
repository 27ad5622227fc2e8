package io.cronium.execution.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.execution.DirectProcesses;
import io.cronium.execution.OutputSink;
import io.cronium.execution.ScriptProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a real JVM of its own, as the server runs it. */
class ProcessLauncherTest {

    static final long GRACE = 1000;

    @TempDir
    Path work;

    ProcessLauncher launcher = new ProcessLauncher(Thread::new, GRACE, new DirectProcesses(Thread::new, GRACE));

    @AfterEach
    void close() {
        launcher.close();
    }

    ScriptProcess bash(String script, List<String> lines) throws IOException {
        return launcher.start(List.of("bash", "-c", script), work, Map.of("PATH", System.getenv("PATH")),
                (stream, line) -> lines.add(stream + ":" + line));
    }

    /** The exit code, once every line of the output arrived. */
    static int ended(ScriptProcess process) throws Exception {
        int exit = process.onExit().get(10, TimeUnit.SECONDS);
        process.awaitOutput(5000);
        return exit;
    }

    static void awaitLine(List<String> lines) throws InterruptedException {
        for (int i = 0; i < 500 && lines.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertFalse(lines.isEmpty(), "the script printed its first line");
    }

    /** Gone, or a zombie: an orphan's new parent (this machine's init) need not reap it at once. */
    static boolean ended(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = Files.readString(stat);
            return s.charAt(s.lastIndexOf(')') + 2) == 'Z';
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        }
    }

    @Test
    void linesOfBothStreamsAndTheExitCodeComeBackFromOneLauncherForEveryRun() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        assertEquals(4, ended(bash("echo out; echo err >&2; exit 4", lines)));
        assertEquals(List.of("STDERR:err", "STDOUT:out"), lines.stream().sorted().toList());
        long pid = launcher.pid();
        assertTrue(pid > 0, "the launcher runs");
        assertEquals(0, bash("true", lines).onExit().get(10, TimeUnit.SECONDS));
        assertEquals(pid, launcher.pid(), "the launcher is kept between runs");
    }

    @Test
    void aLineOfAMillionCharactersArrivesWholeThroughTheLaunchersSmallHeap() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        assertEquals(0, ended(bash("head -c 1000000 /dev/zero | tr '\\0' x; echo; echo err >&2; echo end", lines)));
        List<String> stdout = lines.stream().filter(l -> l.startsWith("STDOUT:")).toList();
        assertEquals(2, stdout.size(), "two lines on stdout");
        assertTrue(stdout.get(0).equals("STDOUT:" + "x".repeat(1_000_000)), "the long line whole, "
                + stdout.get(0).length() + " characters");
        assertEquals("STDOUT:end", stdout.get(1));
        assertEquals(List.of("STDERR:err"), lines.stream().filter(l -> l.startsWith("STDERR:")).toList());
    }

    @Test
    void aCommandThatCannotStartSaysWhyAndTheLauncherGoesOn() throws Exception {
        var e = assertThrows(IOException.class, () -> launcher.start(List.of(work.resolve("no-such-binary").toString()),
                work, Map.of(), OutputSink.DISCARD));
        assertTrue(e.getMessage().contains("no-such-binary"), e.getMessage());
        assertEquals(0, bash("true", new CopyOnWriteArrayList<>()).onExit().get(10, TimeUnit.SECONDS));
    }

    @Test
    void aKilledLauncherFailsItsRunsWithoutLosingTheScriptsAndIsReplacedAtTheNextStart() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        ScriptProcess running = bash("echo $$; sleep 30", lines);
        awaitLine(lines);
        long script = Long.parseLong(lines.get(0).substring("STDOUT:".length()));
        long first = launcher.pid();
        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        var failure = assertThrows(ExecutionException.class, () -> running.onExit().get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("launcher ended"), failure.getCause().getMessage());
        assertTrue(ProcessHandle.of(script).map(ProcessHandle::isAlive).orElse(false), "the script outlived it");
        running.kill(); // by its pid, the launcher being gone
        assertTrue(ended(script), "the orphan was ended");
        assertEquals(0, bash("true", lines).onExit().get(10, TimeUnit.SECONDS));
        assertNotEquals(first, launcher.pid(), "a new launcher runs");
    }

    @Test
    void aLauncherWhoseClassesATempCleanerRemovedStartsAgainFromAFreshCopy() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        assertEquals(0, ended(bash("true", lines)));
        ProcessHandle first = ProcessHandle.of(launcher.pid()).orElseThrow();
        List<String> arguments = List.of(first.info().arguments().orElseThrow());
        Path copy = Path.of(arguments.get(arguments.indexOf("-cp") + 1));
        first.destroyForcibly();
        first.onExit().get(10, TimeUnit.SECONDS);
        io.cronium.common.DirectoryTree.delete(copy);
        assertEquals(0, ended(bash("echo again", lines)));
        assertTrue(launcher.pid() > 0 && launcher.pid() != first.pid(), "a new launcher, not the fallback, ran it");
    }

    @Test
    void whenTheServerGoesTheLauncherEndsItsScriptsAndItself() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        bash("sleep 30 & echo $$ $!; sleep 30", lines);
        awaitLine(lines);
        String[] pids = lines.get(0).substring("STDOUT:".length()).split(" ");
        ProcessHandle process = ProcessHandle.of(launcher.pid()).orElseThrow();
        launcher.close(); // what the server's end does to the launcher's input
        process.onExit().get(10, TimeUnit.SECONDS); // it ends its scripts' trees before it exits
        assertTrue(ended(Long.parseLong(pids[0])), "the script was ended");
        assertTrue(ended(Long.parseLong(pids[1])), "the script's background child was ended too");
    }

    @Test
    void theLauncherHasNoneOfTheServersEnvironment() throws Exception {
        bash("true", new CopyOnWriteArrayList<>()).onExit().get(10, TimeUnit.SECONDS);
        String environ = Files.readString(Path.of("/proc", Long.toString(launcher.pid()), "environ"),
                StandardCharsets.UTF_8);
        var names = Arrays.stream(environ.split("\0")).map(v -> v.substring(0, v.indexOf('=')))
                .collect(Collectors.toSet());
        assertEquals(java.util.Set.of("PATH", "LANG"), names);
    }

    @Test
    void aLauncherThatNeverGreetsIsGivenUpAndScriptsStartFromThisJvm() throws Exception {
        Path hanging = work.resolve("hanging-java");
        Files.writeString(hanging, "#!/bin/sh\nexec sleep 30\n");
        hanging.toFile().setExecutable(true);
        launcher = new ProcessLauncher(Thread::new, GRACE, new DirectProcesses(Thread::new, GRACE), hanging.toString(),
                java.time.Duration.ofMillis(500));
        List<String> lines = new CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> assertEquals(0, ended(bash("echo fine", lines))),
                "a JVM that neither greets nor ends does not hold up the run");
        assertEquals(List.of("STDOUT:fine"), lines);
        assertEquals(-1, launcher.pid());
    }

    @Test
    void whereTheLauncherCannotRunScriptsStartFromThisJvm() throws Exception {
        launcher = new ProcessLauncher(Thread::new, GRACE, new DirectProcesses(Thread::new, GRACE),
                work.resolve("no-java").toString(), java.time.Duration.ofSeconds(30));
        List<String> lines = new CopyOnWriteArrayList<>();
        assertEquals(0, ended(bash("echo fine", lines)));
        assertEquals(List.of("STDOUT:fine"), lines);
        assertEquals(-1, launcher.pid());
    }
}
