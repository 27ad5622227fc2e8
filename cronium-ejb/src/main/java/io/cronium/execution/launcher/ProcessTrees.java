package io.cronium.execution.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ends a process with everything it started. Runs in the launcher's JVM too: JDK classes only. */
public final class ProcessTrees {

    private ProcessTrees() {
    }

    /**
     * SIGTERM to the process and everything it started, SIGKILL to whatever is left after {@code graceMillis}. The
     * process itself is signalled first: signalled after its child, a shell would see the child end and run its
     * next command. Returns once all of them ended or were killed.
     */
    public static void kill(ProcessHandle process, long graceMillis) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process);
        tree.addAll(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.currentTimeMillis() + graceMillis;
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }
}
