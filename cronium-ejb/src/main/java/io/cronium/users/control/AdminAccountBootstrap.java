package io.cronium.users.control;

import io.cronium.users.boundary.UserDirectory;
import io.cronium.users.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On the very first start there is no user: create {@code admin} with the configured password
 * (CRONIUM_ADMIN_PASSWORD) or a generated one printed once, since there is no other way to learn it.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class AdminAccountBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminAccountBootstrap.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    @EJB
    UserDirectory users;

    @Inject
    @ConfigProperty(name = "cronium.admin.password")
    Optional<String> configuredPassword;

    @PostConstruct
    void createFirstAdmin() {
        if (!users.isEmpty()) {
            return;
        }
        var configured = configuredPassword.filter(p -> !p.isBlank());
        String password = configured.orElseGet(AdminAccountBootstrap::generatePassword);
        users.create("admin", password, Role.ADMIN);
        if (configured.isPresent()) {
            LOG.info("Created user 'admin' with the password from CRONIUM_ADMIN_PASSWORD");
        } else {
            // Printed once on purpose: the hash is all that is kept.
            System.out.println("\n==================================================================\n"
                    + " Cronium created the user 'admin' with the password: " + password + "\n"
                    + " It is shown only this once. Set CRONIUM_ADMIN_PASSWORD to choose it.\n"
                    + "==================================================================\n");
        }
    }

    static String generatePassword() {
        var random = new SecureRandom();
        var sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
