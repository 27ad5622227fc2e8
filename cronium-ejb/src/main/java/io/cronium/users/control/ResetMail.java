package io.cronium.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sends password reset links by SMTP (Jakarta Mail), configured with cronium.mail.* and cronium.public-url. */
@ApplicationScoped
public class ResetMail {

    @Inject
    @ConfigProperty(name = "cronium.mail.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "cronium.mail.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "cronium.mail.from", defaultValue = "cronium@localhost")
    String from;

    @Inject
    @ConfigProperty(name = "cronium.mail.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "cronium.mail.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "cronium.mail.starttls", defaultValue = "false")
    boolean startTls;

    @Inject
    @ConfigProperty(name = "cronium.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    private Session session;

    @PostConstruct
    void init() {
        if (!isConfigured()) {
            return;
        }
        var props = new Properties();
        props.put("mail.smtp.host", host.get());
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        Authenticator authenticator = null;
        if (username.isPresent()) {
            props.put("mail.smtp.auth", "true");
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(username.get(), password.orElse(""));
                }
            };
        }
        session = Session.getInstance(props, authenticator);
    }

    public boolean isConfigured() {
        return host.filter(h -> !h.isBlank()).isPresent();
    }

    public void send(String to, String user, String token) throws MessagingException {
        var message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Reset your Cronium password");
        String link = publicUrl.replaceAll("/+$", "") + "/reset.xhtml?token=" + token;
        message.setText("Someone (hopefully you) asked to reset the Cronium password of '" + user + "'.\n\n"
                + "Choose a new password here within one hour:\n" + link + "\n\n"
                + "If it was not you, ignore this message: your password stays as it is.\n", "UTF-8");
        Transport.send(message);
    }
}
