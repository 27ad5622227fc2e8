package io.cronium.launcher;

/** Where the application's data source points. */
public record DatabaseTarget(String jdbcUrl, String user, String password) {
}
