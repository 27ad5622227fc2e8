package io.cronium.launcher;

/**
 * The asadmin commands that give Payara Micro the {@code jdbc/cronium} data source (run after boot, before the
 * application deploys), also as the batch runtime's job repository: its default (an embedded H2 database,
 * {@code jdbc/__default}) could not be reached from EJB timer threads, and the runs' history belongs with the rest.
 * Values are escaped for asadmin's {@code name=value:name=value} property syntax.
 */
public final class DataSourceCommands {

    private DataSourceCommands() {
    }

    public static String forTarget(DatabaseTarget target) {
        String properties = "url=" + escape(target.jdbcUrl())
                + ":user=" + escape(target.user())
                // Payara's pool refuses to open connections without a password property, even for trust auth.
                + ":password=" + escape(target.password().isEmpty() ? "unused" : target.password())
                + ":stringtype=unspecified";
        return "create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource"
                + " --restype=javax.sql.DataSource --steadypoolsize=2 --maxpoolsize=32"
                + " --isconnectvalidatereq=true --validationmethod=custom-validation"
                + " --validationclassname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation"
                + " --property " + properties + " CroniumPool\n"
                + "create-jdbc-resource --connectionpoolid=CroniumPool jdbc/cronium\n"
                + "set-batch-runtime-configuration --datasourcelookupname jdbc/cronium\n";
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }
}
