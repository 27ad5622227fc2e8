package io.cronium.platform;

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

/** Sends plain-text mail by SMTP (Jakarta Mail), configured with cronium.mail.*; unconfigured, it sends nothing. */
@ApplicationScoped
public class Mailer {

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

    public void send(String to, String subject, String text) throws MessagingException {
        if (!isConfigured()) {
            throw new MessagingException("no mail server configured (CRONIUM_MAIL_HOST)");
        }
        var message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        Transport.send(message);
    }
}
