package io.raprelay.accesslog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.raprelay.contracts.AccessLogCheckpointed;

/** Reads the access log in id order over JDBC, a thousand rows at a time (a server-side cursor), for verification. */
public final class JdbcAccessLog {

    private static final String SELECT = "select id, at, subject, roles, client_address, action, parameters, "
            + "result_count, outcome, previous_hash, hash, keyed from access_log order by id";

    private JdbcAccessLog() {
    }

    /** Verifies the whole log on this connection (its auto-commit is switched off for the cursor, then restored). */
    public static ChainVerifier.Result verify(Connection connection, ChainVerifier verifier,
            List<AccessLogCheckpointed> checkpoints) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setFetchSize(1000);
            try (ResultSet rows = statement.executeQuery()) {
                return verifier.verify(iterator(rows), checkpoints);
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Iterator<Entry> iterator(ResultSet rows) {
        return new Iterator<>() {
            private Boolean ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    try {
                        ahead = rows.next();
                    } catch (SQLException e) {
                        throw new IllegalStateException("Cannot read the access log: " + e.getMessage(), e);
                    }
                }
                return ahead;
            }

            @Override
            public Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ahead = null;
                try {
                    return new Entry(rows.getLong("id"), rows.getTimestamp("at").toInstant(), rows.getString("subject"),
                            rows.getString("roles"), rows.getString("client_address"), rows.getString("action"),
                            rows.getString("parameters"), rows.getObject("result_count", Integer.class),
                            rows.getInt("outcome"), rows.getString("previous_hash"), rows.getString("hash"),
                            rows.getBoolean("keyed"));
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot read the access log: " + e.getMessage(), e);
                }
            }
        };
    }
}
