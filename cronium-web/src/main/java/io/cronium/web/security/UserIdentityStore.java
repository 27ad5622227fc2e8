package io.cronium.web.security;

import io.cronium.users.boundary.UserDirectory;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Checks usernames and passwords against the users table; the user's role becomes their only group. */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

    @EJB
    UserDirectory users;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return users.authenticate(login.getCaller(), login.getPasswordAsString())
                .map(u -> new CredentialValidationResult(u.getUsername(), Set.of(u.getRole().name())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
