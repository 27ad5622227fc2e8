package io.cronium.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    private final SecretMasker masker = new SecretMasker(List.of("p@ss word!", "abc", "x"));

    @Test
    void plainBase64AndUrlEncodedFormsAreMasked() {
        String b64 = Base64.getEncoder().encodeToString("p@ss word!".getBytes(StandardCharsets.UTF_8));
        String url = URLEncoder.encode("p@ss word!", StandardCharsets.UTF_8);
        assertEquals("a *** b *** c *** d ***",
                masker.mask("a p@ss word! b " + b64 + " c " + url + " d " + url.replace("+", "%20")));
    }

    @Test
    void theBase64OfASecretFollowedByANewlineIsMaskedToo() {
        String echoed = Base64.getEncoder().encodeToString("p@ss word!\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("***", masker.mask(echoed));
    }

    @Test
    void tooShortSecretsAreNotMaskedSoOutputStaysReadable() {
        assertEquals("x marks *** spot", masker.mask("x marks abc spot"));
    }

    @Test
    void aSinkMasksEachLine() {
        var lines = new java.util.ArrayList<String>();
        masker.masking((stream, line) -> lines.add(line)).line(OutputChannel.STDOUT, "key=abc");
        assertEquals(List.of("key=***"), lines);
    }
}
