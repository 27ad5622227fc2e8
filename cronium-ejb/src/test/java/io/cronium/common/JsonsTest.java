package io.cronium.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.testing.ApplicationClasses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonsTest {

    /** {@code jakarta/json/Json} as a class file's constant pool holds it: a UTF-8 entry of that length. */
    private static final byte[] JSON_CLASS = entry("jakarta/json/Json");

    @Test
    void buildsAndReadsLikeJson() {
        var object = Jsons.createObjectBuilder().add("a", 1).add("b", Jsons.createArrayBuilder().add("x")).build();
        assertEquals("{\"a\":1,\"b\":[\"x\"]}", object.toString());
        assertEquals(object, Jsons.createReader(new java.io.StringReader(object.toString())).readObject());
        assertEquals("\"s\"", Jsons.createValue("s").toString());
    }

    /** The provider lookup on every call cost about 3 ms of each run (docs/BENCHMARKS.md): no class may go back to it. */
    @Test
    void noApplicationClassUsesTheLookingUpFactory() throws IOException {
        List<Path> classes = ApplicationClasses.files();
        List<String> users = new ArrayList<>();
        for (Path file : classes) {
            if (contains(Files.readAllBytes(file), JSON_CLASS)) {
                users.add(file.getFileName().toString());
            }
        }
        assertTrue(classes.size() > 100, "the scan found the classes");
        assertEquals(List.of(), users, "classes that call jakarta.json.Json instead of Jsons");
    }

    private static byte[] entry(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] entry = new byte[utf8.length + 3];
        entry[0] = 1; // CONSTANT_Utf8
        entry[1] = (byte) (utf8.length >> 8);
        entry[2] = (byte) utf8.length;
        System.arraycopy(utf8, 0, entry, 3, utf8.length);
        return entry;
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return true;
            }
        }
        return false;
    }
}
