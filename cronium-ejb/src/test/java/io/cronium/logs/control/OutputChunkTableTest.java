package io.cronium.logs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cronium.execution.OutputChannel;
import io.cronium.logs.control.RunOutput.Chunk;
import io.cronium.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** Chunks are appended for many runs in one statement, read back in order, and announced to listeners. */
class OutputChunkTableTest {

    @Test
    void appendedChunksAreReadBackInOrderAndAnnouncedOncePerLog() throws Exception {
        try (var listener = TestDatabase.connection(); var c = TestDatabase.connection()) {
            try (var s = listener.createStatement()) {
                s.execute("listen " + LogTable.CHANNEL);
            }
            long a = TestDatabase.newLog(c);
            long b = TestDatabase.newLog(c);
            OutputChunkTable.append(c, List.of(
                    new Chunk(a, "exec_a", OutputChannel.STDOUT, "one\ntwo\n"),
                    new Chunk(b, "exec_b", OutputChannel.STDOUT, "other run\n"),
                    new Chunk(a, "exec_a", OutputChannel.STDERR, "bad\n")));
            var chunks = OutputChunkTable.after(c, a, 0, 10);
            assertEquals(List.of("STDOUT:one\ntwo\n", "STDERR:bad\n"),
                    chunks.stream().map(ch -> ch.stream() + ":" + ch.content()).toList());
            assertEquals(List.of("STDERR"), OutputChunkTable.after(c, a, chunks.get(0).id(), 10).stream()
                    .map(ch -> ch.stream().name()).toList(), "resumes after a given chunk");

            List<String> announced = new ArrayList<>();
            var pg = listener.unwrap(PGConnection.class);
            long deadline = System.currentTimeMillis() + 5000;
            while (announced.size() < 2 && System.currentTimeMillis() < deadline) {
                var notifications = pg.getNotifications(200);
                if (notifications != null) {
                    for (var n : notifications) {
                        announced.add(n.getParameter());
                    }
                }
            }
            assertEquals(List.of(Long.toString(a), Long.toString(b)), announced.stream().sorted().toList());
        }
    }
}
