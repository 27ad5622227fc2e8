package io.cronium.testing;

import io.cronium.platform.ApplicationDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The compiled classes of the business core (target/classes), for tests that check a rule across all of them. */
public final class ApplicationClasses {

    private ApplicationClasses() {
    }

    /** Each class file, by path. */
    public static List<Path> files() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(f -> f.toString().endsWith(".class")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each class, loaded without initialising it. */
    public static List<Class<?>> loaded() throws ClassNotFoundException {
        Path root = root();
        List<Class<?>> classes = new ArrayList<>();
        for (Path file : files()) {
            String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            classes.add(Class.forName(name, false, ApplicationClasses.class.getClassLoader()));
        }
        return classes;
    }

    private static Path root() {
        try {
            return Path.of(ApplicationDatabase.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
