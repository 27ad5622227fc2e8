package io.cronium.web.console;

import io.cronium.common.InvalidInputException;
import io.cronium.users.boundary.PasswordResets;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import org.omnifaces.util.Messages;

/**
 * The "forgot password" page: ask for a link, then choose a new password with the token from the link. View-scoped:
 * the token from the link must survive the form's postback.
 */
@Named
@ViewScoped
public class PasswordResetView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient PasswordResets resets;

    private String login;
    private String token;
    private String password;
    private boolean done;

    public void requestLink() {
        if (!resets.isAvailable()) {
            Messages.addGlobalError("Password reset by e-mail is not configured; ask an administrator.");
            return;
        }
        try {
            var wait = resets.request(login);
            if (wait.isZero()) {
                Messages.addGlobalInfo("If this account exists and has an e-mail address, a reset link is on its way.");
            } else {
                Messages.addGlobalError("Too many reset requests from your address: try again in {0} minutes.",
                        Math.max(1, wait.toMinutes()));
            }
        } catch (InvalidInputException e) {
            Messages.addGlobalError(e.errors().get(0).message());
        }
    }

    public void choosePassword() {
        try {
            resets.complete(token, password);
            done = true;
            Messages.addGlobalInfo("Your password was changed. You can log in now.");
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> Messages.addGlobalError(error.message()));
        }
    }

    public String getLogin() { return login; }
    public void setLogin(String login) { this.login = login; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public boolean isDone() { return done; }
}
