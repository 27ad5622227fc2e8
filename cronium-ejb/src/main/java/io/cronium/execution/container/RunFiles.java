package io.cronium.execution.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files a containerised run gets in its volume, as the tar archive the engine's copy endpoint takes. The
 * environment travels as a file sourced by the entry script, not as container configuration, so secret values do
 * not show in {@code docker inspect}.
 */
final class RunFiles {

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    RunFiles add(String name, String content) {
        files.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** {@code export NAME='value'} lines, quoted so that no value can run as shell code. */
    static String exports(Map<String, String> env) {
        var text = new StringBuilder();
        env.forEach((name, value) -> text.append("export ").append(name).append("='")
                .append(value.replace("'", "'\\''")).append("'\n"));
        return text.toString();
    }

    /**
     * Writes the files into a new directory under {@code root} that the run's user can read (and not change: it is
     * not the owner). The root can be entered but not listed, and the directory's name has a random part, so other
     * users of the host cannot find a run's environment while it lasts.
     */
    Path writeTo(Path root, String name) throws IOException {
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        }
        Path dir = root.resolve(name + "-" + java.util.UUID.randomUUID());
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (var file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.write(path, file.getValue());
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return dir;
    }

    static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POSIX ustar archive: 512-byte headers, content padded to 512 bytes, two empty blocks at the end. */
    byte[] tar() {
        var out = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            out.writeBytes(header(name, content.length));
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        });
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static byte[] header(String name, long size) {
        byte[] h = new byte[512];
        put(h, 0, name, 100);
        put(h, 100, "0000644", 8);
        put(h, 108, "0000000", 8); // owner root: the run's user can read its files but not change them
        put(h, 116, "0000000", 8);
        put(h, 124, String.format("%011o", size), 12);
        put(h, 136, String.format("%011o", System.currentTimeMillis() / 1000), 12);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = '0';
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
