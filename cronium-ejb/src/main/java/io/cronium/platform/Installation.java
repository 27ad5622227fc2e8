package io.cronium.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;

/** The identity of this installation (its database), the same on all of its nodes and across restarts. */
@ApplicationScoped
public class Installation {

    @Inject
    ApplicationDatabase database;

    private volatile String id;

    public String id() {
        if (id == null) {
            try (var c = database.dataSource().getConnection(); var s = c.createStatement();
                 var rows = s.executeQuery("select id from installation")) {
                rows.next();
                id = rows.getString(1);
            } catch (SQLException e) {
                throw new IllegalStateException("reading the installation id failed", e);
            }
        }
        return id;
    }
}
