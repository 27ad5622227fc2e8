package io.cronium.users.boundary;

/** A user as an administrator submits it; on update, null fields stay as they are. */
public record UserDraft(String username, String password, String role, String email, Boolean enabled,
                        java.util.List<String> permissions) {
}
