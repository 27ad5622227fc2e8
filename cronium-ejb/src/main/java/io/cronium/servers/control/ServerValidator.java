package io.cronium.servers.control;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import io.cronium.common.FieldError;
import io.cronium.servers.boundary.ServerDraft;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a server draft completely, the private key included (readable, and opened by its passphrase). */
public final class ServerValidator {

    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
            + "|\\[?[0-9A-Fa-f:.]+]?");
    private static final Pattern USERNAME = Pattern.compile("[a-z_][a-z0-9_.-]{0,63}\\$?", Pattern.CASE_INSENSITIVE);
    private static final int MAX_KEY_CHARS = 16 * 1024;

    /**
     * @param hasStoredCredential whether the server being updated already has a key or password (absent on create)
     */
    public List<FieldError> validate(ServerDraft d, boolean hasStoredCredential) {
        var errors = new ArrayList<FieldError>();
        if (d == null) {
            errors.add(new FieldError("body", "a server object is required"));
            return errors;
        }
        if (blank(d.name())) {
            errors.add(new FieldError("name", "is required"));
        } else if (d.name().length() > 128) {
            errors.add(new FieldError("name", "must be at most 128 characters"));
        }
        if (blank(d.host())) {
            errors.add(new FieldError("host", "is required"));
        } else if (!HOST.matcher(d.host()).matches()) {
            errors.add(new FieldError("host", "must be a host name or an IP address"));
        }
        if (d.port() != null && (d.port() < 1 || d.port() > 65535)) {
            errors.add(new FieldError("port", "must be between 1 and 65535"));
        }
        if (blank(d.username())) {
            errors.add(new FieldError("username", "is required"));
        } else if (!USERNAME.matcher(d.username()).matches()) {
            errors.add(new FieldError("username", "is not a valid user name"));
        }
        if (d.group() != null && d.group().length() > 64) {
            errors.add(new FieldError("group", "must be at most 64 characters"));
        }
        boolean key = !blank(d.sshKey());
        boolean password = !blank(d.password());
        if (key) {
            checkKey(d.sshKey(), d.passphrase(), errors);
        } else if (!blank(d.passphrase())) {
            errors.add(new FieldError("passphrase", "is only for an sshKey"));
        }
        boolean removesAll = "".equals(d.sshKey()) && (d.password() == null || "".equals(d.password()));
        if (!key && !password && (!hasStoredCredential || removesAll)) {
            errors.add(new FieldError("sshKey", "an sshKey or a password is required"));
        }
        return errors;
    }

    private static void checkKey(String key, String passphrase, List<FieldError> errors) {
        if (key.length() > MAX_KEY_CHARS) {
            errors.add(new FieldError("sshKey", "is too long for a private key"));
            return;
        }
        try {
            KeyPair pair = KeyPair.load(new JSch(), key.getBytes(StandardCharsets.UTF_8), null);
            try {
                if (pair.isEncrypted()) {
                    if (blank(passphrase)) {
                        errors.add(new FieldError("passphrase", "the key is encrypted: its passphrase is required"));
                    } else if (!pair.decrypt(passphrase.getBytes(StandardCharsets.UTF_8))) {
                        errors.add(new FieldError("passphrase", "does not open the key"));
                    }
                }
            } finally {
                pair.dispose();
            }
        } catch (JSchException e) {
            errors.add(new FieldError("sshKey", "is not a private key in OpenSSH or PEM format (ed25519, RSA, ECDSA)"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
