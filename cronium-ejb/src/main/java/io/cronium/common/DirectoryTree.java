package io.cronium.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a directory with everything in it (a run's work directory, a copy of files), deepest entries first. */
public final class DirectoryTree {

    private DirectoryTree() {
    }

    public static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** As {@link #delete}, for leftovers that do no harm where they stay (in the temp folder): null or gone is fine. */
    public static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            delete(dir);
        } catch (IOException ignored) {
            // harmless where it is, and removed with the temp folder
        }
    }
}
