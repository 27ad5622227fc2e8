package io.cronium.users.control;

import io.cronium.platform.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The password reset mail: a single-use link to the console's reset page (cronium.public-url). */
@ApplicationScoped
public class ResetMail {

    @Inject
    Mailer mailer;

    @Inject
    @ConfigProperty(name = "cronium.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    public boolean isConfigured() {
        return mailer.isConfigured();
    }

    public void send(String to, String user, String token) throws MessagingException {
        String link = publicUrl.replaceAll("/+$", "") + "/reset.xhtml?token=" + token;
        mailer.send(to, "Reset your Cronium password", "Someone (hopefully you) asked to reset the Cronium password of '"
                + user + "'.\n\n"
                + "Choose a new password here within one hour:\n" + link + "\n\n"
                + "If it was not you, ignore this message: your password stays as it is.\n");
    }
}
