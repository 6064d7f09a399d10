package io.raprelay.catalog.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one multi-row statement, column by column: each column travels as one text array that the statement
 * unnests and casts ({@code select * from unnest(?::text[], ?::int[], ...)}). A batch of any size is then one
 * statement and one round trip per table, with the same statement text every time. Values are sent as text: enums by
 * name, instants and dates in ISO-8601, null as SQL null.
 */
final class ColumnArrays {

    private final List<List<String>> columns = new ArrayList<>();

    ColumnArrays(int width) {
        for (int i = 0; i < width; i++) {
            columns.add(new ArrayList<>());
        }
    }

    void add(Object... row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException(row.length + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < row.length; i++) {
            columns.get(i).add(text(row[i]));
        }
    }

    boolean isEmpty() {
        return columns.get(0).isEmpty();
    }

    /** Runs {@code sql}, whose parameters are the columns in order; returns the rows it changed. */
    int execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < columns.size(); i++) {
                statement.setArray(i + 1, connection.createArrayOf("text", columns.get(i).toArray()));
            }
            return statement.executeUpdate();
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Enum<?> constant ? constant.name() : value.toString();
    }
}
