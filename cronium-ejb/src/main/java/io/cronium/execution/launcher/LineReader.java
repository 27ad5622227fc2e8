package io.cronium.execution.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a script's output line by line, as {@code BufferedReader.readLine} does (\n, \r or \r\n end a line), or in
 * pieces of at most {@link #MAX_PIECE_CHARS}: the launcher passes a line on in pieces, so that a script printing
 * megabytes without a newline cannot exhaust its small heap (the server joins them; a helper call's JSON is one
 * such line). Runs in the launcher's JVM too: JDK classes only.
 */
public final class LineReader {

    public static final int MAX_PIECE_CHARS = 256 * 1024;

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private boolean lineEnded;

    public LineReader(InputStream in) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** The next line without its terminator, however long, or null at the end of the stream. */
    public String readLine() throws IOException {
        String piece = readPiece();
        if (piece == null || lineEnded) {
            return piece;
        }
        var line = new StringBuilder(piece);
        while (!lineEnded && (piece = readPiece()) != null) {
            line.append(piece);
        }
        return line.toString();
    }

    /** Whether the piece read last ended its line (else more of that line follows). */
    public boolean lineEnded() {
        return lineEnded;
    }

    /** The next piece of a line (the whole line when it is short enough), or null at the end of the stream. */
    public String readPiece() throws IOException {
        StringBuilder piece = null;
        while (true) {
            if (position >= limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    lineEnded = true;
                    return piece == null ? null : piece.toString();
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            if (piece == null) {
                piece = new StringBuilder(Math.min(position - start + 16, MAX_PIECE_CHARS));
            }
            int room = MAX_PIECE_CHARS - piece.length();
            if (position - start > room) {
                piece.append(buffer, start, room);
                position = start + room;
                lineEnded = false;
                return piece.toString();
            }
            piece.append(buffer, start, position - start);
            if (position < limit) {
                skipLineFeed = buffer[position] == '\r';
                position++;
                lineEnded = true;
                return piece.toString();
            }
        }
    }
}
