package io.cronium.execution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts a script's process with exactly the given environment; its output lines go to {@code lines}. */
public interface ProcessStarter {

    ScriptProcess start(List<String> command, Path directory, Map<String, String> environment, OutputSink lines)
            throws IOException;
}
