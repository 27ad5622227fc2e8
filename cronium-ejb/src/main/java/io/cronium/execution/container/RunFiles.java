package io.cronium.execution.container;

import io.cronium.common.DirectoryTree;
import io.cronium.execution.helpers.HelperSession;
import io.cronium.runner.TarArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The files a containerised run gets in its volume, as the tar archive the engine's copy endpoint takes. The
 * environment travels as a file sourced by the entry script, not as container configuration, so secret values do
 * not show in {@code docker inspect}.
 */
final class RunFiles {

    private final TarArchive archive = new TarArchive();

    RunFiles add(String name, String content) {
        archive.add(name, content);
        return this;
    }

    /** The run's helpers under {@code dir}, directories included (the engine's copy creates none of them). */
    RunFiles helpers(String dir, HelperSession helpers) {
        java.util.Set<String> directories = new java.util.TreeSet<>();
        helpers.files().keySet().forEach(path -> {
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                directories.add(path.substring(0, slash));
            }
        });
        archive.sharedDirectory(dir);
        directories.forEach(d -> archive.sharedDirectory(dir + "/" + d));
        helpers.files().forEach((path, file) -> archive.add(dir + "/" + path, file.content(), file.executable()));
        return this;
    }

    byte[] tar() {
        return archive.tar();
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
        for (var file : archive.files().entrySet()) {
            Path path = dir.resolve(file.getKey());
            Path parent = dir;
            for (Path part : dir.relativize(path.getParent())) { // helpers/bin: each level readable by the run's user
                parent = parent.resolve(part);
                if (!Files.isDirectory(parent)) {
                    Files.createDirectory(parent);
                    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.write(path, file.getValue());
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    archive.isExecutable(file.getKey()) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        return dir;
    }

    static void delete(Path dir) {
        try {
            DirectoryTree.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
