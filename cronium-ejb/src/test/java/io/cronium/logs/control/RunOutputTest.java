package io.cronium.logs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cronium.execution.OutputChannel;
import io.cronium.logs.control.RunOutput.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunOutputTest {

    @Test
    void consecutiveLinesOfAStreamBecomeOneChunkAndStreamsStayApart() {
        var output = new RunOutput(7, "exec_1_2", 1000);
        output.line(OutputChannel.STDOUT, "a");
        output.line(OutputChannel.STDOUT, "b");
        output.line(OutputChannel.STDERR, "oops");
        output.line(OutputChannel.STDOUT, "c");
        assertEquals(List.of(
                new Chunk(7, "exec_1_2", OutputChannel.STDOUT, "a\nb\n"),
                new Chunk(7, "exec_1_2", OutputChannel.STDERR, "oops\n"),
                new Chunk(7, "exec_1_2", OutputChannel.STDOUT, "c\n")), output.drain());
        assertEquals(List.of(), output.drain(), "a chunk is taken once");
        output.line(OutputChannel.STDOUT, "d");
        assertEquals(List.of(new Chunk(7, "exec_1_2", OutputChannel.STDOUT, "d\n")), output.drain());
    }

    @Test
    void beyondTheLimitLinesAreDroppedAndOneSystemChunkSaysSo() {
        var output = new RunOutput(7, "x", 10);
        for (int i = 0; i < 5; i++) {
            output.line(OutputChannel.STDOUT, "line" + i);
        }
        var chunks = output.drain();
        assertEquals(new Chunk(7, "x", OutputChannel.STDOUT, "line0\n"), chunks.get(0));
        assertEquals(OutputChannel.SYSTEM, chunks.get(1).stream());
        assertEquals(2, chunks.size());
        output.line(OutputChannel.STDOUT, "more");
        assertEquals(List.of(), output.drain(), "said once");
    }
}
