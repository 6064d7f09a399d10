package io.raprelay.testing.postgres;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource giving each test JVM its own fresh database on the real PostgreSQL server, dropped when the
 * JVM exits. Set the {@code purpose} init argument to name it (e.g. {@code catalog}). With {@code setup} (a classpath
 * SQL script run once as the server's superuser on the new database, e.g. the roles script), {@code user} (the
 * service's runtime login), {@code owner} (the role Flyway migrates as) and {@code password} (set on both), the
 * service runs as in production: as a role that owns nothing.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** Shared across Quarkus class loaders, as for the Kafka broker: one database per test JVM. */
    static final String DATABASE_PROPERTY = "raprelay.test.postgres.database";

    private final PostgresServer server = PostgresServer.fromEnvironment();
    private String purpose = "test";
    private String setup;
    private String user;
    private String owner;
    private String rolePassword;

    @Override
    public void init(Map<String, String> initArgs) {
        purpose = initArgs.getOrDefault("purpose", purpose);
        setup = initArgs.get("setup");
        user = initArgs.getOrDefault("user", server.user());
        owner = initArgs.getOrDefault("owner", user);
        rolePassword = initArgs.get("password");
    }

    @Override
    public Map<String, String> start() {
        String database = sharedDatabase();
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", rolePassword == null ? server.password() : rolePassword,
                "quarkus.flyway.username", owner,
                // Quarkus runs Flyway as its own user only when a password is set too
                "quarkus.flyway.password", rolePassword == null ? server.password() : rolePassword);
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
        if (setup != null) {
            server.runScript(database, setup);
        }
        if (rolePassword != null) {
            server.setPassword(user, rolePassword);
            server.setPassword(owner, rolePassword);
        }
        System.setProperty(DATABASE_PROPERTY, database);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.dropDatabase(database), "postgres-test-drop"));
        return database;
    }
}
