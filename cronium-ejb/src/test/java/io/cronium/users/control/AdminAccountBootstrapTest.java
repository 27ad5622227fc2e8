package io.cronium.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdminAccountBootstrapTest {

    @Test
    void generatedPasswordsAreLongUnambiguousAndDifferent() {
        String a = AdminAccountBootstrap.generatePassword();
        assertEquals(20, a.length());
        assertTrue(a.chars().noneMatch(c -> "0O1lI".indexOf(c) >= 0), a);
        assertNotEquals(a, AdminAccountBootstrap.generatePassword());
    }
}
