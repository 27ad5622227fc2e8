package io.cronium.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Re-encrypts every secret column from the old key to the new one in a single transaction: either every value
 * is under the new key afterwards, or (on any failure) nothing changed.
 */
public final class KeyRotation {

    private KeyRotation() {
    }

    /** @return how many values were re-encrypted, per column */
    public static Map<EncryptedColumn, Integer> rotate(Connection connection, SecretCipher oldKey, SecretCipher newKey)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            refuseUnknownSecretColumns(connection);
            Map<EncryptedColumn, Integer> counts = new EnumMap<>(EncryptedColumn.class);
            for (EncryptedColumn column : EncryptedColumn.values()) {
                counts.put(column, rotate(connection, column, oldKey, newKey));
            }
            connection.commit();
            return counts;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int rotate(Connection c, EncryptedColumn column, SecretCipher oldKey, SecretCipher newKey) throws SQLException {
        record Value(long id, String row, String ciphertext) {
        }
        List<Value> values = new ArrayList<>();
        try (var select = c.prepareStatement("select id, " + column.rowExpression() + ", " + column.column()
                + " from " + column.table() + " where " + column.column() + " is not null for update");
             var rows = select.executeQuery()) {
            while (rows.next()) {
                values.add(new Value(rows.getLong(1), rows.getString(2), rows.getString(3)));
            }
        }
        try (var update = c.prepareStatement("update " + column.table() + " set " + column.column() + " = ? where id = ?")) {
            for (Value v : values) {
                String aad = column.aad(v.row());
                update.setString(1, newKey.encrypt(oldKey.decrypt(v.ciphertext(), aad), aad));
                update.setLong(2, v.id());
                update.addBatch();
            }
            update.executeBatch();
        }
        return values.size();
    }

    /** A secret column this list does not know would keep values under the old key: refuse instead. */
    private static void refuseUnknownSecretColumns(Connection c) throws SQLException {
        try (var columns = c.prepareStatement("select table_name, column_name from information_schema.columns"
                + " where table_schema = current_schema() and column_name like '%\\_enc'");
             var rows = columns.executeQuery()) {
            while (rows.next()) {
                String table = rows.getString(1);
                String column = rows.getString(2);
                boolean known = false;
                for (EncryptedColumn e : EncryptedColumn.values()) {
                    known |= e.table().equals(table) && e.column().equals(column);
                }
                if (!known) {
                    try (var count = c.createStatement().executeQuery("select count(*) from " + table + " where " + column + " is not null")) {
                        count.next();
                        if (count.getLong(1) > 0) {
                            throw new IllegalStateException(table + "." + column + " holds secrets that key rotation does not"
                                    + " know how to re-encrypt; nothing was changed");
                        }
                    }
                }
            }
        }
    }
}
