package io.cronium.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataSourceCommandsTest {

    @Test
    void asadminSeparatorsInValuesAreEscaped() {
        assertEquals("jdbc\\:postgresql\\://h\\:5432/db", DataSourceCommands.escape("jdbc:postgresql://h:5432/db"));
        assertEquals("p\\=a\\:s\\\\s", DataSourceCommands.escape("p=a:s\\s"));
    }

    @Test
    void thePoolIsBoundAsJdbcCroniumAndHoldsTheBatchJobRepository() {
        String commands = DataSourceCommands.forTarget(new DatabaseTarget("jdbc:postgresql://h:1/c", "u", ""));
        assertTrue(commands.contains("url=jdbc\\:postgresql\\://h\\:1/c:user=u:password=unused:stringtype=unspecified"), commands);
        assertTrue(commands.contains("create-jdbc-resource --connectionpoolid=CroniumPool jdbc/cronium\n"), commands);
        assertTrue(commands.endsWith("set-batch-runtime-configuration --datasourcelookupname jdbc/cronium\n"), commands);
    }
}
