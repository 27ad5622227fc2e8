package io.cronium.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "users")
@NamedQuery(name = User.BY_USERNAME, query = "select u from User u where u.username = :username")
@NamedQuery(name = User.COUNT, query = "select count(u) from User u")
public class User {

    public static final String BY_USERNAME = "User.byUsername";
    public static final String COUNT = "User.count";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    private String email;

    @Column(nullable = false)
    private String permissions = "";

    private boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected User() {
    }

    public User(String username, String passwordHash, Role role) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
    }

    public void changePassword(String newHash) {
        this.passwordHash = newHash;
        touch();
    }

    public void changeRole(Role newRole) {
        this.role = newRole;
        touch();
    }

    public void changeEmail(String newEmail) {
        this.email = newEmail;
        touch();
    }

    public void grant(java.util.Set<Permission> granted) {
        this.permissions = Permission.format(granted);
        touch();
    }

    /** What this user may do beyond the role; administrators may do everything. */
    public java.util.Set<Permission> getPermissions() {
        return role == Role.ADMIN ? java.util.EnumSet.allOf(Permission.class) : Permission.parse(permissions);
    }

    public void enable(boolean enabled) {
        this.enabled = enabled;
        touch();
    }

    private void touch() {
        updatedAt = Instant.now();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getEmail() {
        return email;
    }
}
