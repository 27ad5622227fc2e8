package io.cronium.users.control;

import io.cronium.common.FieldError;
import io.cronium.users.boundary.UserDraft;
import io.cronium.users.entity.Permission;
import io.cronium.users.entity.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Rules for usernames, passwords, roles and e-mail addresses, reported field by field. */
public final class UserValidator {

    static final int MIN_PASSWORD = 10;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public List<FieldError> forCreate(UserDraft d) {
        var errors = new ArrayList<FieldError>();
        if (d == null) {
            return List.of(new FieldError("body", "a user object is required"));
        }
        if (d.username() == null || !USERNAME.matcher(d.username()).matches()) {
            errors.add(new FieldError("username", "3-64 letters, digits, dots, dashes or underscores"));
        }
        if (d.password() == null) {
            errors.add(new FieldError("password", "is required"));
        }
        if (d.role() == null) {
            errors.add(new FieldError("role", "is required: one of " + Arrays.toString(Role.values())));
        }
        errors.addAll(forUpdate(d));
        return errors.stream().distinct().toList();
    }

    public List<FieldError> forUpdate(UserDraft d) {
        var errors = new ArrayList<FieldError>();
        if (d == null) {
            return List.of(new FieldError("body", "a user object is required"));
        }
        if (d.password() != null && d.password().length() < MIN_PASSWORD) {
            errors.add(new FieldError("password", "must be at least " + MIN_PASSWORD + " characters"));
        }
        if (d.role() != null && Arrays.stream(Role.values()).noneMatch(r -> r.name().equals(d.role()))) {
            errors.add(new FieldError("role", "unknown role '" + d.role() + "': one of " + Arrays.toString(Role.values())));
        }
        if (d.email() != null && !d.email().isEmpty() && !EMAIL.matcher(d.email()).matches()) {
            errors.add(new FieldError("email", "is not an e-mail address"));
        }
        if (d.permissions() != null) {
            for (String p : d.permissions()) {
                if (Arrays.stream(Permission.values()).noneMatch(known -> known.name().equals(p))) {
                    errors.add(new FieldError("permissions", "unknown permission '" + p + "': one of "
                            + Arrays.toString(Permission.values())));
                }
            }
        }
        return errors;
    }
}
