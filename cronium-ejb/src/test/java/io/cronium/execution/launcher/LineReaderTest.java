package io.cronium.execution.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    static LineReader reader(String text) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> lines(String text) throws IOException {
        var reader = reader(text);
        List<String> lines = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    /** Each piece, with "+" appended where its line goes on. */
    static List<String> pieces(String text) throws IOException {
        var reader = reader(text);
        List<String> pieces = new ArrayList<>();
        for (String piece; (piece = reader.readPiece()) != null; ) {
            pieces.add(reader.lineEnded() ? piece : piece + "+");
        }
        return pieces;
    }

    @Test
    void splitsAsReadLineDoes() throws IOException {
        assertEquals(List.of("a", "", "b", "c", "d", "é ☃"), lines("a\n\nb\r\nc\rd\né ☃"));
        assertEquals(List.of("a"), lines("a\n"));
        assertEquals(List.of(), lines(""));
    }

    @Test
    void aLineLongerThanAPieceComesInPiecesAndWholeToReadLine() throws IOException {
        int max = LineReader.MAX_PIECE_CHARS;
        String longLine = "x".repeat(max * 2 + 5);
        assertEquals(List.of("x".repeat(max) + "+", "x".repeat(max) + "+", "xxxxx", "next"),
                pieces(longLine + "\nnext\n"));
        assertEquals(List.of(longLine, "next"), lines(longLine + "\nnext\n"));
        assertEquals(List.of("y".repeat(max), "after"), pieces("y".repeat(max) + "\nafter"),
                "a line of exactly one piece's size is one piece");
        assertEquals(List.of("z".repeat(max)), pieces("z".repeat(max)));
    }
}
