package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.audit.AccessLogEntry;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.postgres.PostgresServer;
import io.raprelay.testing.postgres.PostgresTestResource;

/** Every read is recorded; the log cannot be changed through the database, and a forged entry is found. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "catalog"))
@QuarkusTestResource(OidcWiremockTestResource.class)
class AccessLogTest {

    private final PostgresServer postgres = PostgresServer.fromEnvironment();
    private final String database = System.getProperty("raprelay.test.postgres.database");

    @Test
    void eachCallIsRecordedWithWhoWhatAndOutcome() {
        given().auth().oauth2(token("bob", "auditor")).when().get("/api/reports?clearingHouse=HKSCC&limit=3")
                .then().statusCode(200);
        AccessLogEntry served = lastOf("bob").orElseThrow();
        assertThat(served.action).isEqualTo("GET /api/reports");
        assertThat(served.parameters).isEqualTo("clearingHouse=HKSCC&limit=3");
        assertThat(served.roles).isEqualTo("auditor");
        assertThat(served.clientAddress).isEqualTo("127.0.0.1");
        assertThat(served.outcome).isEqualTo(200);
        assertThat(served.resultCount).isNotNull();

        given().auth().oauth2(token("bob", "auditor")).when().get("/api/reports?limit=9999").then().statusCode(400);
        assertThat(lastOf("bob").orElseThrow().outcome).isEqualTo(400);

        given().auth().oauth2(token("carol", "guest")).when().get("/api/reports").then().statusCode(403);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastOf("carol").isPresent());
        assertThat(lastOf("carol").orElseThrow().outcome).isEqualTo(403);
        assertThat(lastOf("carol").orElseThrow().resultCount).isNull();
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveEntries() throws SQLException {
        given().auth().oauth2(token("dave", "auditor")).when().get("/api/reports?limit=1").then().statusCode(200);
        long id = lastOf("dave").orElseThrow().id;
        try (Connection sql = postgres.connect(database); Statement statement = sql.createStatement()) {
            assertThatThrownBy(() -> statement.execute("update access_log set subject = 'mallory' where id = " + id))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("delete from access_log where id = " + id))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("truncate access_log"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void verifyFindsTheFirstForgedEntry() throws SQLException {
        given().auth().oauth2(token("erin", "auditor")).when().get("/api/reports?limit=2").then().statusCode(200);
        given().auth().oauth2(token("admin1", "admin")).when().get("/api/access-log/verify")
                .then().statusCode(200).body("intact", equalTo(true)).body("firstBrokenId", nullValue());
        given().auth().oauth2(token("erin", "auditor")).when().get("/api/access-log/verify").then().statusCode(403);

        long id = lastOf("erin").orElseThrow().id;
        // Someone with the database owner's rights switches the guard off and rewrites who asked.
        try (Connection sql = postgres.connect(database); Statement statement = sql.createStatement()) {
            statement.execute("alter table access_log disable trigger access_log_no_update_or_delete");
            statement.execute("update access_log set subject = 'someone-else' where id = " + id);
            statement.execute("alter table access_log enable trigger access_log_no_update_or_delete");
        }

        given().auth().oauth2(token("admin1", "admin")).when().get("/api/access-log/verify")
                .then().statusCode(200)
                .body("intact", equalTo(false))
                .body("firstBrokenId", equalTo((int) id))
                .body("problem", equalTo("its content does not match its hash"));
    }

    private static Optional<AccessLogEntry> lastOf(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> AccessLogEntry
                .<AccessLogEntry>find("subject = ?1 order by id desc", subject).firstResultOptional());
    }

    private static String token(String subject, String role) {
        return OidcWiremockTestResource.getAccessToken(subject, Set.of(role));
    }
}
