package io.cronium.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The application's data source, {@code jdbc/cronium}. Payara binds server resources at that global name;
 * WildFly only under {@code java:/} (its JPA layer adds the prefix to persistence.xml by itself, but a
 * {@code @Resource} lookup does not), so both names are tried here, once.
 */
@ApplicationScoped
public class ApplicationDatabase {

    static final String[] NAMES = {"jdbc/cronium", "java:/jdbc/cronium"};

    private DataSource dataSource;

    @PostConstruct
    void lookup() {
        NamingException last = null;
        for (String name : NAMES) {
            try {
                dataSource = (DataSource) new InitialContext().lookup(name);
                return;
            } catch (NamingException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no data source bound as jdbc/cronium (Payara) or java:/jdbc/cronium (WildFly)", last);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Work on one connection (in the caller's transaction, if any). */
    @FunctionalInterface
    public interface Work<T> {
        T on(java.sql.Connection connection) throws java.sql.SQLException;
    }

    /** Runs {@code work} on a connection of the data source; an SQL failure becomes "{@code what} failed". */
    public <T> T call(String what, Work<T> work) {
        try (var connection = dataSource.getConnection()) {
            return work.on(connection);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }
}
