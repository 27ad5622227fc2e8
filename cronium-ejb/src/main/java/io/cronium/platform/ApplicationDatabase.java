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
}
