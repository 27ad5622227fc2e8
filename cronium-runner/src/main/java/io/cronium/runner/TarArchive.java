package io.cronium.runner;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a run as a POSIX ustar archive (what the Docker engine's copy endpoint and {@code tar -x} on any
 * server take): 512-byte headers, content padded to 512 bytes, two empty blocks at the end. Files 0644 (0755 when
 * executable), directories 0700, owner root (the extracting user where it is not root).
 */
public final class TarArchive {

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final java.util.Set<String> executables = new java.util.HashSet<>();
    private final java.util.Set<String> sharedDirectories = new java.util.HashSet<>();

    public TarArchive add(String name, String content) {
        return add(name, content.getBytes(StandardCharsets.UTF_8), false);
    }

    public TarArchive add(String name, byte[] content, boolean executable) {
        split(name); // fails early for a name ustar cannot hold
        files.put(name, content);
        if (executable) {
            executables.add(name);
        }
        return this;
    }

    public boolean isExecutable(String name) {
        return executables.contains(name);
    }

    /** An empty directory (a name ending in "/"), created by {@code tar -x} without a process of its own. */
    public TarArchive directory(String name) {
        files.put(name.endsWith("/") ? name : name + "/", null);
        return this;
    }

    /** A directory others may enter and read (0755): for files extracted as another user than the one reading them. */
    public TarArchive sharedDirectory(String name) {
        directory(name);
        sharedDirectories.add(name.endsWith("/") ? name : name + "/");
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
                out.writeBytes(header(name, 0, '5', sharedDirectories.contains(name) ? "0000755" : "0000700"));
                return;
            }
            out.writeBytes(header(name, content.length, '0', executables.contains(name) ? "0000755" : "0000644"));
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        });
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** ustar keeps a long name in two fields: a prefix of up to 155 characters, '/', and a name of up to 100. */
    private static String[] split(String path) {
        if (path.length() <= 100) {
            return new String[] {"", path};
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (slash <= 155 && path.length() - slash - 1 <= 100 && path.length() - slash - 1 > 0) {
                return new String[] {path.substring(0, slash), path.substring(slash + 1)};
            }
        }
        throw new IllegalArgumentException("too long for a ustar archive: " + path);
    }

    private static byte[] header(String path, long size, char type, String mode) {
        byte[] h = new byte[512];
        String[] parts = split(path);
        String name = parts[1];
        put(h, 345, parts[0], 155);
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
