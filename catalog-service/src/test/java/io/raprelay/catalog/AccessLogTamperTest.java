package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.accesslog.Main;
import io.raprelay.catalog.audit.AccessLog;
import io.raprelay.catalog.support.CatalogSetup;
import io.raprelay.contracts.AccessLogCheckpointed;
import io.raprelay.contracts.EventCodec;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.TestTokens;

/**
 * The access log against its own database owner: each tamper (a rewritten entry, a deleted one, an inserted one, a cut
 * tail), done as {@code rap_catalog_owner} with the guard switched off, is found and the first bad entry named, by the
 * verify endpoint and by the offline verifier; so is a forged checkpoint. Each test puts the log back as it was and
 * checks it is intact again.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AccessLogTamperTest {

    @Inject
    AccessLog accessLog;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private List<Long> recent;
    private AccessLogCheckpointed checkpoint;

    @BeforeEach
    void someEntriesAndACheckpoint() throws SQLException {
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(TestTokens.of("tess", "auditor")).when().get("/api/reports?limit=" + (i + 1))
                    .then().statusCode(200);
        }
        checkpoint = accessLog.checkpoint();
        recent = ids("select id from (select id from access_log order by id desc limit 4) last order by id");
        assertThat(checkpoint.headId()).isEqualTo(recent.get(3));
        assertThat(offline()).startsWith("INTACT");
    }

    @Test
    void aRewrittenEntry() throws SQLException {
        long id = recent.get(1);
        asOwner("update access_log set subject = 'someone-else' where id = " + id);

        assertThat(offline()).startsWith("NOT INTACT: first bad entry " + id + ": its content does not match");
        verifyEndpoint(id, "its content does not match its hash");

        asOwner("update access_log set subject = 'tess' where id = " + id);
        assertThat(offline()).startsWith("INTACT");
    }

    @Test
    void aDeletedEntry() throws SQLException {
        long id = recent.get(1);
        List<Map<String, Object>> removed = rows("id = " + id);
        asOwner("delete from access_log where id = " + id);

        long next = recent.get(2);
        assertThat(offline()).startsWith("NOT INTACT: first bad entry " + next + ": does not link");
        verifyEndpoint(next, "does not link to the entry before it");

        insert(removed);
        assertThat(offline()).startsWith("INTACT");
    }

    @Test
    void anInsertedEntry() throws SQLException {
        // A gap in the ids to insert into (as an aborted append leaves), then an entry after it.
        long gap = ids("select nextval(pg_get_serial_sequence('access_log', 'id'))").get(0);
        given().auth().oauth2(TestTokens.of("tess", "auditor")).when().get("/api/reports?limit=9").then()
                .statusCode(200);
        String before = (String) rows("id = " + recent.get(3)).get(0).get("hash");
        asOwner("insert into access_log (id, at, subject, roles, client_address, action, parameters, result_count, "
                + "outcome, previous_hash, hash, keyed) overriding system value values (" + gap + ", now(), 'tess', "
                + "'auditor', '127.0.0.1', 'GET /api/reports', 'limit=1', 0, 200, '" + before + "', '"
                + "e".repeat(64) + "', true)");

        assertThat(offline()).startsWith("NOT INTACT: first bad entry " + gap + ": its content does not match");
        verifyEndpoint(gap, "its content does not match its hash");

        asOwner("delete from access_log where id = " + gap);
        assertThat(offline()).startsWith("INTACT");
    }

    @Test
    void aCutTail() throws SQLException {
        List<Map<String, Object>> cut = rows("id >= " + recent.get(2));
        asOwner("delete from access_log where id >= " + recent.get(2));

        long firstMissing = recent.get(1) + 1;
        assertThat(offline()).startsWith("NOT INTACT: first bad entry " + firstMissing + ": the log ends after entry "
                + recent.get(1)).contains("counted " + checkpoint.entries());
        verifyEndpoint(firstMissing, "were removed");

        // The verify call's own entry was chained to the cut log: it goes, the cut entries come back.
        asOwner("delete from access_log where id > " + recent.get(3));
        insert(cut);
        assertThat(offline()).startsWith("INTACT");
    }

    /** A checkpoint changed to fit a cut log (fewer entries) no longer carries a valid signature. */
    @Test
    void aForgedCheckpoint() throws Exception {
        Path file = CatalogSetup.checkpointFile();
        String kept = Files.readString(file);
        String forged = new String(new EventCodec().write(new AccessLogCheckpointed(checkpoint.eventId() + "-f",
                checkpoint.occurredAt(), checkpoint.entries() - 2, recent.get(1), checkpoint.headHash(),
                checkpoint.keyId(), checkpoint.signature())), StandardCharsets.UTF_8);
        Files.writeString(file, kept + forged + "\n");
        try {
            assertThat(offline()).startsWith("NOT INTACT").contains("does not carry a valid signature");
            given().auth().oauth2(TestTokens.of("ada", "admin")).when().get("/api/access-log/verify").then()
                    .statusCode(200).body("intact", equalTo(false))
                    .body("problem", containsString("does not carry a valid signature"));
        } finally {
            Files.writeString(file, kept);
        }
        assertThat(offline()).startsWith("INTACT");
    }

    private void verifyEndpoint(long firstBad, String problem) {
        given().auth().oauth2(TestTokens.of("ada", "admin")).when().get("/api/access-log/verify").then()
                .statusCode(200)
                .body("intact", equalTo(false))
                .body("firstBrokenId", equalTo((int) firstBad))
                .body("problem", containsString(problem));
    }

    /** The offline verifier, as the owner role, on this database: its report line. */
    private String offline() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[]{"verify", "--jdbc-url", jdbcUrl, "--user", CatalogSetup.OWNER,
                "--chain-key", CatalogSetup.KEYS.resolve("access-log-chain.key").toString(),
                "--checkpoint-key", CatalogSetup.KEYS.resolve("checkpoint-verify.pem").toString(),
                "--checkpoints", CatalogSetup.checkpointFile().toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                CatalogSetup.PASSWORD);
        String report = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(status).as(report).isEqualTo(report.startsWith("INTACT") ? 0 : 1);
        return report;
    }

    /** As the table's owner: switch the guard off, change, switch it on (what the runtime role cannot do). */
    private void asOwner(String change) throws SQLException {
        try (Connection sql = CatalogSetup.connect(CatalogSetup.OWNER);
                Statement statement = sql.createStatement()) {
            statement.execute("alter table access_log disable trigger access_log_no_update_or_delete");
            try {
                statement.execute(change);
            } finally {
                statement.execute("alter table access_log enable trigger access_log_no_update_or_delete");
            }
        }
    }

    private List<Long> ids(String query) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection sql = CatalogSetup.connect(CatalogSetup.OWNER);
                Statement statement = sql.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private List<Map<String, Object>> rows(String where) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection sql = CatalogSetup.connect(CatalogSetup.OWNER);
                Statement statement = sql.createStatement();
                ResultSet result = statement.executeQuery("select * from access_log where " + where + " order by id")) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Puts saved rows back exactly, ids included. */
    private void insert(List<Map<String, Object>> rows) throws SQLException {
        try (Connection sql = CatalogSetup.connect(CatalogSetup.OWNER)) {
            for (Map<String, Object> row : rows) {
                String columns = String.join(", ", row.keySet());
                String marks = String.join(", ", row.keySet().stream().map(c -> "?").toList());
                try (PreparedStatement insert = sql.prepareStatement("insert into access_log (" + columns
                        + ") overriding system value values (" + marks + ")")) {
                    int i = 1;
                    for (Object value : row.values()) {
                        insert.setObject(i++, value);
                    }
                    insert.executeUpdate();
                }
            }
        }
    }
}
