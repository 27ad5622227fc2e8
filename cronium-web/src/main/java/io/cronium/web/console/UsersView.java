package io.cronium.web.console;

import io.cronium.common.ConflictException;
import io.cronium.common.InvalidInputException;
import io.cronium.users.boundary.UserAdministration;
import io.cronium.users.boundary.UserDraft;
import io.cronium.users.entity.Permission;
import io.cronium.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.omnifaces.util.Messages;

/** The administrators' users page: create users, change roles, disable and enable them. */
@Named
@ViewScoped
public class UsersView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the users table shows (never a password hash). */
    public record Row(long id, String username, String role, String email, boolean enabled, String permissions)
            implements Serializable {
        static Row of(User u) {
            return new Row(u.getId(), u.getUsername(), u.getRole().name(), u.getEmail(), u.isEnabled(),
                    Permission.format(u.getPermissions()));
        }
    }

    @EJB
    transient UserAdministration users;

    private List<Row> rows;
    private String username;
    private String password;
    private String role = "USER";
    private String email;
    private List<String> permissions = new java.util.ArrayList<>();

    @PostConstruct
    void load() {
        rows = users.list(null, 500).items().stream().map(Row::of).toList();
    }

    public void create() {
        try {
            users.create(new UserDraft(username, password, role, email, null, permissions));
            Messages.addGlobalInfo("User ''{0}'' created", username);
            username = null;
            password = null;
            email = null;
            permissions = new java.util.ArrayList<>();
            load();
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> Messages.addGlobalError("{0}: {1}", error.field(), error.message()));
        } catch (ConflictException e) {
            Messages.addGlobalError(e.getMessage());
        }
    }

    public void changeRole(Row row, String newRole) {
        apply(row, new UserDraft(null, null, newRole, null, null, null), "''{0}'' is now " + newRole);
    }

    public void toggleEnabled(Row row) {
        apply(row, new UserDraft(null, null, null, null, !row.enabled(), null), row.enabled() ? "''{0}'' disabled" : "''{0}'' enabled");
    }

    private void apply(Row row, UserDraft change, String message) {
        try {
            users.update(row.id(), change);
            Messages.addGlobalInfo(message, row.username());
        } catch (ConflictException e) {
            Messages.addGlobalError(e.getMessage());
        }
        load();
    }

    public List<String> getRoles() {
        return List.of("USER", "VIEWER", "ADMIN");
    }

    public List<String> getAllPermissions() {
        return java.util.Arrays.stream(Permission.values()).map(Enum::name).toList();
    }

    public List<Row> getRows() { return rows; }
    public List<String> getPermissions() { return permissions; }
    public void setPermissions(List<String> permissions) { this.permissions = permissions; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getRole() { return role; }
    public void setRole(String role) { this.role = role; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
}
