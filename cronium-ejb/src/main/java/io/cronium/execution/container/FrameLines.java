package io.cronium.execution.container;

import io.cronium.execution.helpers.HelperSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns one stream's log frames into lines. Frames are cut wherever the engine's buffer ended, so a line (and a
 * multi-byte character) may span several; very long lines are passed on in pieces rather than held in memory,
 * except a helper call (it starts with the record separator): it is whole or useless, and bounded by the result's size.
 */
final class FrameLines {

    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int MAX_HELPER_CALL_BYTES = 2 * HelperSession.MAX_OUTPUT_CHARS * 3 + 1024;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean helperCall;
    private final Consumer<String> lines;

    FrameLines(Consumer<String> lines) {
        this.lines = lines;
    }

    synchronized void accept(byte[] payload) {
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (pending.size() == 0 && i == start) {
                helperCall = payload[i] == 0x1e;
            }
            if (payload[i] == '\n') {
                pending.write(payload, start, i - start);
                emit();
                start = i + 1;
            }
        }
        pending.write(payload, start, payload.length - start);
        if (pending.size() >= (helperCall ? MAX_HELPER_CALL_BYTES : MAX_LINE_BYTES)) {
            emit();
        }
    }

    /** Passes on a last line that had no newline. */
    synchronized void finish() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
