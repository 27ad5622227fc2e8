package io.cronium.execution;

/**
 * Collects one stream's output up to a limit; beyond it, keeps counting and ends with a visible marker, so a
 * runaway script cannot exhaust memory or the database.
 */
public final class OutputBuffer {

    private final int limitChars;
    private final StringBuilder text = new StringBuilder();
    private long droppedChars;

    public OutputBuffer(int limitChars) {
        this.limitChars = limitChars;
    }

    public synchronized void appendLine(String line) {
        int room = limitChars - text.length();
        int needed = line.length() + 1;
        if (room >= needed) {
            text.append(line).append('\n');
        } else {
            if (room > 0) {
                text.append(line, 0, room);
            }
            droppedChars += needed - Math.max(room, 0);
        }
    }

    public synchronized String text() {
        if (droppedChars == 0) {
            return text.toString();
        }
        return text + "\n[output truncated: " + droppedChars + " more characters not kept]\n";
    }
}
