package io.cronium.execution.launcher;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's protocol: frames on its standard input (requests) and output (what its processes do), each a
 * kind byte, the run's id and the kind's fields. Strings are length-prefixed UTF-8 (no 64 KiB limit, unlike
 * {@code writeUTF}). Runs in the launcher's JVM too: JDK classes only.
 */
public final class LauncherFrames {

    /** Raised when the protocol changes: a launcher of another version is refused at its greeting. */
    static final int VERSION = 1;

    // launcher -> server
    static final int HELLO = 'H';
    static final int STARTED = 'P';
    static final int START_FAILED = 'F';
    static final int LINE = 'L';
    /** A piece of a line that goes on in the next frames of its stream (see {@link LineReader}). */
    static final int PART = 'l';
    static final int EXITED = 'X';
    /** Both output streams ended (or stopped being waited for): no more lines of the run follow. */
    static final int CLOSED = 'C';
    static final int KILLED = 'k';

    // server -> launcher
    static final int START = 'S';
    static final int KILL = 'K';

    static final int STDOUT = 1;
    static final int STDERR = 2;

    private LauncherFrames() {
    }

    /** Writes a frame's own fields, after its kind and run id. */
    interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the rest of a frame whose kind and run id were read. */
    interface Handler {
        void handle(int kind, long run) throws IOException;
    }

    /** One frame, whole and flushed; callers hold the stream's lock, so that frames never interleave. */
    static void write(DataOutputStream out, int kind, long run, Fields fields) throws IOException {
        out.writeByte(kind);
        out.writeLong(run);
        fields.write(out);
        out.flush();
    }

    /** Hands each frame to {@code handler} until the stream ends (returns) or breaks off mid-frame (throws). */
    static void readEach(DataInputStream in, Handler handler) throws IOException {
        for (int kind = in.read(); kind >= 0; kind = in.read()) {
            handler.handle(kind, in.readLong());
        }
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt frame: string of length " + length);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            writeString(out, s);
        }
    }

    static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readString(in));
        }
        return list;
    }

    static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (var e : map.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    static Map<String, String> readMap(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }
}
