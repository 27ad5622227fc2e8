package io.cronium.users.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        String stored = hasher.hash("correct horse");
        assertTrue(hasher.matches("correct horse", stored));
        assertFalse(hasher.matches("correct horsE", stored));
        assertFalse(hasher.matches("", stored));
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTimeBecauseOfTheSalt() {
        assertNotEquals(hasher.hash("same"), hasher.hash("same"));
    }

    @Test
    void theHashNamesItsAlgorithmAndCostAndHidesThePassword() {
        String stored = new PasswordHasher().hash("visible?");
        assertTrue(stored.startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$"), stored);
        assertFalse(stored.contains("visible"));
    }

    @Test
    void malformedStoredValuesNeverMatch() {
        assertFalse(hasher.matches("x", "plain-text"));
        assertFalse(hasher.matches("x", "pbkdf2-sha256$abc$def$ghi"));
        assertFalse(hasher.matches("x", "pbkdf2-sha256$10$!!$!!"));
        assertFalse(hasher.matches(null, hasher.hash("x")));
        assertFalse(hasher.matches("x", null));
    }
}
