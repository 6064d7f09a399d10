package io.raprelay.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

    private final PostgresServer server = PostgresServer.fromEnvironment();

    @Test
    void eachCallGivesAFreshEmptyDatabaseThatCanBeDropped() throws Exception {
        String first = server.createDatabase("provisioning");
        String second = server.createDatabase("provisioning");
        try {
            assertThat(first).isNotEqualTo(second).startsWith("rr_provisioning_");
            try (Connection connection = server.connect(first); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE report (id text PRIMARY KEY)");
                statement.execute("INSERT INTO report VALUES ('CCLTN05')");
            }
            try (Connection connection = server.connect(second);
                    Statement statement = connection.createStatement();
                    ResultSet tables = statement.executeQuery(
                            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                tables.next();
                assertThat(tables.getInt(1)).isZero();
            }
        } finally {
            server.dropDatabase(first);
            server.dropDatabase(second);
        }
        assertThatThrownBy(() -> server.connect(first).close()).hasMessageContaining("does not exist");
    }

    @Test
    void unreachableServerFailsFastSayingHowToStartOne() {
        PostgresServer nowhere = new PostgresServer("127.0.0.1", 1, "postgres", "");

        assertThatThrownBy(() -> nowhere.createDatabase("x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not reachable at 127.0.0.1:1")
                .hasMessageContaining("pg_ctlcluster");
    }

    @Test
    void refusesToDropADatabaseItDidNotCreate() {
        assertThatThrownBy(() -> server.dropDatabase("test")).isInstanceOf(IllegalArgumentException.class);
    }
}
