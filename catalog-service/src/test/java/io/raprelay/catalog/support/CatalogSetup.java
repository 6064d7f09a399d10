package io.raprelay.catalog.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.raprelay.accesslog.CheckpointSigner;
import io.raprelay.testing.postgres.PostgresTestResource;

/**
 * The catalog's test database and access-log keys, set up as in production: the roles script run on the database,
 * Flyway migrating as {@code rap_catalog_owner} and the service connected as {@code rap_catalog_app}, which owns
 * nothing; the chain key, the checkpoint keys and the checkpoint file outside the database (under target/).
 */
public class CatalogSetup extends PostgresTestResource {

    public static final String OWNER = "rap_catalog_owner";
    public static final String RUNTIME = "rap_catalog_app";
    /** Both roles' password in tests (as in the local run). */
    public static final String PASSWORD = "local-only-catalog";
    /** Where the keys and the checkpoint file are, shared by every test class of the run. */
    public static final Path KEYS = Path.of("target/test-access-log").toAbsolutePath();

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("purpose", "catalog", "setup", "db/roles/catalog-roles.sql", "user", RUNTIME, "owner",
                OWNER, "password", PASSWORD));
    }

    @Override
    public Map<String, String> start() {
        CheckpointSigner.createKeys(KEYS);
        Map<String, String> config = new HashMap<>(super.start());
        config.put("catalog.access-log.chain-key-file", KEYS.resolve("access-log-chain.key").toString());
        config.put("catalog.access-log.checkpoint-signing-key-file", KEYS.resolve("checkpoint-signing.pem").toString());
        config.put("catalog.access-log.checkpoint-verify-key-file", KEYS.resolve("checkpoint-verify.pem").toString());
        config.put("catalog.access-log.checkpoint-file", checkpointFile().toString());
        return config;
    }

    /** A connection to the test database as one of the catalog's roles. */
    public static java.sql.Connection connect(String role) throws java.sql.SQLException {
        return io.raprelay.testing.postgres.PostgresServer.fromEnvironment()
                .connect(System.getProperty("raprelay.test.postgres.database"), role, PASSWORD);
    }

    /** This run's checkpoint file (one per test database). */
    public static Path checkpointFile() {
        return KEYS.resolve("checkpoints-" + System.getProperty("raprelay.test.postgres.database", "none") + ".jsonl");
    }
}
