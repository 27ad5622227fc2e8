package io.cronium.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cronium.common.FieldError;
import io.cronium.users.boundary.UserDraft;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserValidatorTest {

    private final UserValidator validator = new UserValidator();

    List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void aCompleteUserIsValid() {
        assertEquals(List.of(), validator.forCreate(new UserDraft("ann.lee", "long-enough-pw", "USER", "ann@example.org", null, null)));
    }

    @Test
    void everyBadFieldIsNamed() {
        assertEquals(List.of("username", "password", "role", "email"),
                fields(validator.forCreate(new UserDraft("a b", "short", "ROOT", "not-mail", null, null))));
        assertEquals(List.of("username", "password", "role"), fields(validator.forCreate(new UserDraft(null, null, null, null, null, null))));
    }

    @Test
    void updatesCheckOnlyWhatTheyChange() {
        assertEquals(List.of(), validator.forUpdate(new UserDraft(null, null, null, null, false, null)));
        assertEquals(List.of("password"), fields(validator.forUpdate(new UserDraft(null, "tiny", null, null, null, null))));
    }
}
