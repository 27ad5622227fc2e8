package io.cronium.execution;

import io.cronium.execution.launcher.ProcessLauncher;
import org.junit.jupiter.api.AfterAll;

/** Every local executor test again, with the scripts started by the process launcher (as the server does). */
class LaunchedScriptsTest extends LocalProcessExecutorTest {

    static final ProcessLauncher LAUNCHER = new ProcessLauncher(Thread::new, LocalProcessExecutor.KILL_GRACE_MILLIS,
            new DirectProcesses(Thread::new, LocalProcessExecutor.KILL_GRACE_MILLIS));

    @AfterAll
    static void closeLauncher() {
        LAUNCHER.close();
    }

    @Override
    LocalProcessExecutor executor(int limit) {
        return new LocalProcessExecutor(LAUNCHER, work, limit, null);
    }
}
