package io.cronium.incontainer;

import io.cronium.launcher.DataSourceCommands;
import io.cronium.launcher.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.event.container.AfterStop;
import org.jboss.arquillian.container.spi.event.container.BeforeSetup;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Client side only (registered through META-INF/services, never deployed): before Arquillian sets up Payara Micro,
 * start embedded PostgreSQL and write the post-boot commands that bind it as jdbc/cronium, as the launcher does.
 */
public class EmbeddedDatabaseExtension implements LoadableExtension {

    static final Path POST_BOOT = Path.of(System.getProperty("arquillian.postboot", "target/arquillian-post-boot.asadmin"));

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(DatabaseLifecycle.class);
    }

    public static class DatabaseLifecycle {

        private EmbeddedDatabase database;

        public void start(@Observes BeforeSetup event) throws Exception {
            if (database == null) {
                Path data = Files.createTempDirectory("cronium-arquillian-db");
                database = EmbeddedDatabase.start(data);
                Files.writeString(POST_BOOT, DataSourceCommands.forTarget(database.target()));
            }
        }

        public void stop(@Observes AfterStop event) throws Exception {
            if (database != null) {
                database.close();
                database = null;
            }
        }
    }
}
