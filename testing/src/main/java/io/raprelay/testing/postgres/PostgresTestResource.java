package io.raprelay.testing.postgres;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource giving each test JVM its own fresh database on the real PostgreSQL server, dropped when the
 * JVM exits. Set the {@code purpose} init argument to name it (e.g. {@code catalog}).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** Shared across Quarkus class loaders, as for the Kafka broker: one database per test JVM. */
    static final String DATABASE_PROPERTY = "raprelay.test.postgres.database";

    private final PostgresServer server = PostgresServer.fromEnvironment();
    private String purpose = "test";

    @Override
    public void init(Map<String, String> initArgs) {
        purpose = initArgs.getOrDefault("purpose", purpose);
    }

    @Override
    public Map<String, String> start() {
        String database = sharedDatabase();
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password());
    }

    @Override
    public void stop() {
        // Dropped by the shutdown hook once every test class of this JVM is done.
    }

    private synchronized String sharedDatabase() {
        String existing = System.getProperty(DATABASE_PROPERTY);
        if (existing != null) {
            return existing;
        }
        String database = server.createDatabase(purpose);
        System.setProperty(DATABASE_PROPERTY, database);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.dropDatabase(database), "postgres-test-drop"));
        return database;
    }
}
