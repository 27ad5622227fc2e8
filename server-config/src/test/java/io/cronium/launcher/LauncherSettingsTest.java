package io.cronium.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherSettingsTest {

    @Test
    void defaultsRunEmbeddedOn8080WithDataInTheWorkingDirectory() {
        var settings = LauncherSettings.from(Map.of(), Path.of("dist"));
        assertEquals(8080, settings.port());
        assertEquals(Path.of("data").toAbsolutePath(), settings.dataDir());
        assertTrue(settings.databaseUrl().isEmpty());
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        var settings = LauncherSettings.from(Map.of("CRONIUM_PORT", "9090", "CRONIUM_DATA_DIR", "/srv/cronium",
                "CRONIUM_DB_URL", "jdbc:postgresql://db/cronium", "CRONIUM_DB_USER", "app"), Path.of("dist"));
        assertEquals(9090, settings.port());
        assertEquals(Path.of("/srv/cronium"), settings.dataDir());
        assertEquals("jdbc:postgresql://db/cronium", settings.databaseUrl().orElseThrow());
        assertEquals("app", settings.databaseUser());
    }

    @Test
    void aBadPortIsExplained() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LauncherSettings.from(Map.of("CRONIUM_PORT", "eighty"), Path.of("dist")));
        assertTrue(e.getMessage().contains("CRONIUM_PORT"));
        assertThrows(IllegalArgumentException.class, () -> LauncherSettings.from(Map.of("CRONIUM_PORT", "70000"), Path.of("dist")));
    }
}
