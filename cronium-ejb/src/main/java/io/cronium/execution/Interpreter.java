package io.cronium.execution;

import io.cronium.events.entity.EventType;
import java.util.List;

/** The command that runs a script of each type on this host, and the file name the script is written to. */
public enum Interpreter {
    BASH("script.sh", "bash"),
    PYTHON("script.py", "python3", "-u"),
    NODE("script.js", "node");

    private final String fileName;
    private final List<String> command;

    Interpreter(String fileName, String... command) {
        this.fileName = fileName;
        this.command = List.of(command);
    }

    public String fileName() {
        return fileName;
    }

    public List<String> command() {
        return command;
    }

    public static Interpreter of(EventType type) {
        return switch (type) {
            case BASH -> BASH;
            case PYTHON -> PYTHON;
            case NODE -> NODE;
            default -> null;
        };
    }
}
