package io.cronium.execution;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every secret a run can see with {@code ***} in its output, also in the base64 and URL-encoded forms a
 * script may print. Longest forms first, so a secret that contains another is masked whole.
 */
public final class SecretMasker {

    public static final String MASK = "***";
    private static final int MIN_LENGTH = 3; // masking "a" or "1" would shred the whole output

    private final List<String> forms;

    public SecretMasker(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s == null || s.length() < MIN_LENGTH) {
                continue;
            }
            all.add(s);
            // "echo $SECRET | base64" encodes the trailing newline too
            for (String encoded : List.of(s, s + "\n")) {
                all.add(Base64.getEncoder().encodeToString(encoded.getBytes(StandardCharsets.UTF_8)));
                all.add(Base64.getEncoder().withoutPadding().encodeToString(encoded.getBytes(StandardCharsets.UTF_8)));
            }
            all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            all.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        this.forms = all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public String mask(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String form : forms) {
            masked = masked.replace(form, MASK);
        }
        return masked;
    }

    /** A sink that masks each line before passing it on. */
    public OutputSink masking(OutputSink next) {
        return forms.isEmpty() ? next : (stream, line) -> next.line(stream, mask(line));
    }
}
