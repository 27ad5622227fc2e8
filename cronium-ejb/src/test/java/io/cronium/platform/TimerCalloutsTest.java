package io.cronium.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.testing.ApplicationClasses;
import jakarta.ejb.Schedule;
import jakarta.ejb.Timeout;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
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
        for (Class<?> type : ApplicationClasses.loaded()) {
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
}
