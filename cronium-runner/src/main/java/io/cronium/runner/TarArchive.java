package io.cronium.runner;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a run as a POSIX ustar archive (what the Docker engine's copy endpoint and {@code tar -x} on any
 * server take): 512-byte headers, content padded to 512 bytes, two empty blocks at the end. Files 0644, directories
 * 0700, owner root (the extracting user where it is not root).
 */
public final class TarArchive {

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public TarArchive add(String name, String content) {
        files.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** An empty directory (a name ending in "/"), created by {@code tar -x} without a process of its own. */
    public TarArchive directory(String name) {
        files.put(name.endsWith("/") ? name : name + "/", null);
        return this;
    }

    /** The files (directories left out). */
    public Map<String, byte[]> files() {
        Map<String, byte[]> only = new LinkedHashMap<>();
        files.forEach((name, content) -> {
            if (content != null) {
                only.put(name, content);
            }
        });
        return only;
    }

    public byte[] tar() {
        var out = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            if (content == null) {
                out.writeBytes(header(name, 0, '5', "0000700"));
                return;
            }
            out.writeBytes(header(name, content.length, '0', "0000644"));
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        });
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static byte[] header(String name, long size, char type, String mode) {
        byte[] h = new byte[512];
        put(h, 0, name, 100);
        put(h, 100, mode, 8);
        put(h, 108, "0000000", 8);
        put(h, 116, "0000000", 8);
        put(h, 124, String.format("%011o", size), 12);
        put(h, 136, String.format("%011o", System.currentTimeMillis() / 1000), 12);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = (byte) type;
        put(h, 257, "ustar", 6);
        put(h, 263, "00", 2);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum), 7);
        return h;
    }

    private static void put(byte[] header, int offset, String value, int length) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }
}
