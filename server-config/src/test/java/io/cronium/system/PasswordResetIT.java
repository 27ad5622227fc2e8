package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Forgot password: a single-use link by e-mail (to a local SMTP server), valid once, silent about unknown users. */
@Order(7)
class PasswordResetIT {

    static final Pattern LINK = Pattern.compile("(http://\\S+/reset\\.xhtml\\?token=(crn_[A-Za-z0-9_-]+))");
    static String base;
    static LocalSmtpServer mail;

    @BeforeAll
    static void userWithEmail() {
        base = RunningCronium.get().baseUrl();
        mail = RunningCronium.get().mail();
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        assertEquals(201, admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "forgetful")
                .add("password", "old-password-1").add("role", "USER").add("email", "forgetful@example.org").build()).status());
    }

    @Test
    void aLinkByEmailSetsANewPasswordOnce() throws Exception {
        var anonymous = new Api(base);
        assertEquals(202, anonymous.post("/api/v1/auth/password-reset", "{\"login\":\"forgetful@example.org\"}").status());
        var message = mail.awaitMailTo("forgetful@example.org", Duration.ofSeconds(20));
        assertTrue(message.from().contains("cronium@test.local"));
        var link = LINK.matcher(message.data());
        assertTrue(link.find(), message.data());
        assertTrue(link.group(1).startsWith(base + "/reset.xhtml"));
        String token = link.group(2);

        var weak = anonymous.post("/api/v1/auth/password-reset/confirm", "{\"token\":\"" + token + "\",\"password\":\"short\"}");
        assertEquals(422, weak.status());
        assertEquals(204, anonymous.post("/api/v1/auth/password-reset/confirm",
                "{\"token\":\"" + token + "\",\"password\":\"brand-new-password\"}").status());
        assertEquals(401, anonymous.post("/api/v1/auth/token", "{\"username\":\"forgetful\",\"password\":\"old-password-1\"}").status());
        assertEquals(200, anonymous.post("/api/v1/auth/token", "{\"username\":\"forgetful\",\"password\":\"brand-new-password\"}").status());

        var reused = anonymous.post("/api/v1/auth/password-reset/confirm", "{\"token\":\"" + token + "\",\"password\":\"another-password\"}");
        assertEquals(422, reused.status(), "a link works once");
        assertTrue(mail.protocolErrors().isEmpty(), mail.protocolErrors().toString());
    }

    @Test
    void unknownAccountsGetTheSameAnswerAndNoMail() throws Exception {
        var anonymous = new Api(base);
        assertEquals(202, anonymous.post("/api/v1/auth/password-reset", "{\"login\":\"nobody-here\"}").status());
        assertEquals(202, anonymous.post("/api/v1/auth/password-reset", "{\"login\":\"admin\"}").status(), "admin has no e-mail");
        Thread.sleep(1000);
        assertFalse(mail.hasMailTo("nobody-here"));
        assertEquals(422, anonymous.post("/api/v1/auth/password-reset", "{\"login\":\"\"}").status());
        assertEquals(422, anonymous.post("/api/v1/auth/password-reset/confirm", "{\"token\":\"crn_forged\",\"password\":\"long-enough-pw\"}").status());
    }

    @Test
    void resetMailsAreThrottledPerAccountAndRequestsPerAddress() throws Exception {
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "impatient").add("password", "impatient-pw-1")
                .add("role", "USER").add("email", "impatient@example.org").build());
        var anonymous = new Api(base);
        for (int i = 0; i < 4; i++) {
            assertEquals(202, anonymous.post("/api/v1/auth/password-reset", "{\"login\":\"impatient\"}").status());
        }
        for (int i = 0; i < 3; i++) {
            mail.awaitMailTo("impatient@example.org", Duration.ofSeconds(20));
        }
        // a request sends its mail before it answers, and the SMTP server keeps a mail before it says 250: all four
        // answered, so every mail there will be is here
        assertFalse(mail.hasMailTo("impatient@example.org"), "three open links at most: the fourth request sends nothing");
        assertTrue(admin.get("/api/v1/audit?action=PASSWORD_RESET_THROTTLED").body().contains("user:impatient"));

        // the system-test server allows 25 requests per address in 5 s (CRONIUM_PASSWORD_RESET_*)
        Api.Reply refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            var reply = anonymous.post("/api/v1/auth/password-reset", "{\"login\":\"nobody-" + i + "\"}");
            if (reply.status() == 429) {
                refused = reply;
            } else {
                assertEquals(202, reply.status(), reply.body());
            }
        }
        assertTrue(refused != null, "an address that keeps asking is refused");
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        var wait = Pattern.compile("try again in (\\d+) s").matcher(refused.body());
        assertTrue(wait.find(), refused.body());
        assertTrue(Long.parseLong(wait.group(1)) <= RunningCronium.RESET_WINDOW_SECONDS + 1, refused.body());
        // the window itself must pass (not a condition to poll: an admitted request would fill it again), so that
        // the other tests of this address may ask again
        Thread.sleep(Duration.ofSeconds(RunningCronium.RESET_WINDOW_SECONDS + 1).toMillis());
        assertEquals(202, anonymous.post("/api/v1/auth/password-reset", "{\"login\":\"nobody-again\"}").status());
    }
}
