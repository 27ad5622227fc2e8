package io.cronium.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.Schedule;
import jakarta.ejb.Timeout;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every EJB timer callout of the application runs outside a container transaction (package documentation: a
 * callout whose transaction rolls back twice in a row is cancelled for good by Payara, periodic ones included).
 */
class TimerCalloutsTest {

    @Test
    void everyTimerCalloutRunsOutsideATransaction() throws Exception {
        List<String> callouts = new ArrayList<>();
        List<String> transactional = new ArrayList<>();
        for (Class<?> type : applicationClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Schedule.class) || method.isAnnotationPresent(Timeout.class)) {
                    String name = type.getSimpleName() + "." + method.getName();
                    callouts.add(name);
                    var attribute = method.getAnnotation(TransactionAttribute.class);
                    if (attribute == null || attribute.value() != TransactionAttributeType.NOT_SUPPORTED) {
                        transactional.add(name);
                    }
                }
            }
        }
        assertTrue(callouts.size() >= 10, "the scan found the callouts: " + callouts);
        assertEquals(List.of(), transactional, "callouts in a container transaction");
    }

    private static List<Class<?>> applicationClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ApplicationDatabase.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                classes.add(Class.forName(name, false, TimerCalloutsTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
