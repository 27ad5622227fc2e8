package io.cronium.web.security;

import io.cronium.users.boundary.LoginResult;
import io.cronium.users.boundary.UserAuthentication;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Checks console logins (throttled and audited); the user's role becomes their only group. */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

    @EJB
    UserAuthentication logins;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        if (logins.login(login.getCaller(), login.getPasswordAsString()) instanceof LoginResult.Accepted accepted) {
            return new CredentialValidationResult(accepted.user().getUsername(), Set.of(accepted.user().getRole().name()));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
