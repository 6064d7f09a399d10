package io.raprelay.notifier.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** What PostgreSQL shows of this service's statements waiting for a row another transaction holds. */
public final class LockWaits {

    private LockWaits() {
    }

    /** How many statements starting with {@code prefix} (such as "update raised_alert") wait on a lock now. */
    public static int statementsWaiting(DataSource dataSource, String prefix) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select count(*) from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and query ilike ?""")) {
            s.setString(1, prefix + "%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
