package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.audit.AccessLogEntry;
import io.raprelay.catalog.support.CatalogSetup;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.TestTokens;

/**
 * Every request on /api is recorded, refused ones too; a request that cannot be recorded serves nothing; the service
 * cannot change the log through the database.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AccessLogTest {

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
        assertThat(served.keyed).isTrue();

        given().auth().oauth2(token("bob", "auditor")).when().get("/api/reports?limit=9999").then().statusCode(400);
        assertThat(lastOf("bob").orElseThrow().outcome).isEqualTo(400);

        given().auth().oauth2(token("bob", "auditor")).when().head("/api/reports?limit=1").then().statusCode(200);
        assertThat(lastOf("bob").orElseThrow().action).isEqualTo("HEAD /api/reports");

        given().auth().oauth2(token("carol", "guest")).when().get("/api/reports").then().statusCode(403);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastOf("carol").isPresent());
        assertThat(lastOf("carol").orElseThrow().outcome).isEqualTo(403);
        assertThat(lastOf("carol").orElseThrow().resultCount).isNull();
    }

    /** Refused before any endpoint (no token, a bad one, an unknown path): recorded as anonymous. */
    @Test
    void refusalsBeforeAnyEndpointAreRecordedToo() {
        String marker = "marker=" + UUID.randomUUID();
        given().when().get("/api/reports?" + marker).then().statusCode(401);
        given().auth().oauth2(TestTokens.refused().get(0).token()).when().head("/api/access-log?" + marker).then()
                .statusCode(401);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(withParameters(marker))
                .extracting(e -> e.subject + " " + e.action + " " + e.outcome)
                .containsExactly("anonymous GET /api/reports 401", "anonymous HEAD /api/access-log 401"));
    }

    /** No log, no data: while the log cannot be written, requests get 503 and none of the data. */
    @Test
    void aRequestThatCannotBeRecordedServesNothing() throws SQLException {
        long before = count();
        try (Connection sql = CatalogSetup.connect(CatalogSetup.OWNER);
                Statement statement = sql.createStatement()) {
            statement.execute("create function access_log_broken() returns trigger language plpgsql as "
                    + "$$ begin raise exception 'disk full'; end $$");
            statement.execute("create trigger access_log_broken before insert on access_log "
                    + "for each row execute function access_log_broken()");
        }
        try {
            String body = given().auth().oauth2(token("frank", "auditor")).when().get("/api/reports?limit=5")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("title", equalTo("Access log unavailable")).extract().asString();
            assertThat(body).doesNotContain("reportKey").doesNotContain("items");
            given().auth().oauth2(token("frank", "auditor")).when().get("/api/access-log/verify")
                    .then().statusCode(503);
        } finally {
            try (Connection sql = CatalogSetup.connect(CatalogSetup.OWNER);
                    Statement statement = sql.createStatement()) {
                statement.execute("drop trigger access_log_broken on access_log");
                statement.execute("drop function access_log_broken()");
            }
        }
        assertThat(count()).isEqualTo(before);
        given().auth().oauth2(token("frank", "auditor")).when().get("/api/reports?limit=5").then().statusCode(200);
    }

    /**
     * The service's own role may only insert and read: it can neither change, remove nor truncate entries, nor alter
     * the table or switch its guard off. Even the owner meets the guard.
     */
    @Test
    void theRuntimeRoleCanOnlyAppendAndTheTableRefusesChanges() throws SQLException {
        given().auth().oauth2(token("dave", "auditor")).when().get("/api/reports?limit=1").then().statusCode(200);
        long id = lastOf("dave").orElseThrow().id;
        try (Connection sql = CatalogSetup.connect(CatalogSetup.RUNTIME);
                Statement statement = sql.createStatement()) {
            for (String change : List.of("update access_log set subject = 'mallory' where id = " + id,
                    "delete from access_log where id = " + id, "truncate access_log",
                    "alter table access_log disable trigger access_log_no_update_or_delete",
                    "drop trigger access_log_no_update_or_delete on access_log")) {
                assertThatThrownBy(() -> statement.execute(change)).as(change)
                        .hasMessageMatching("(?s).*(permission denied|must be owner).*");
            }
        }
        try (Connection sql = CatalogSetup.connect(CatalogSetup.OWNER);
                Statement statement = sql.createStatement()) {
            assertThatThrownBy(() -> statement.execute("update access_log set subject = 'mallory' where id = " + id))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("delete from access_log where id = " + id))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("truncate access_log"))
                    .hasMessageContaining("append-only");
        }
    }

    private static Optional<AccessLogEntry> lastOf(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> AccessLogEntry
                .<AccessLogEntry>find("subject = ?1 order by id desc", subject).firstResultOptional());
    }

    private static List<AccessLogEntry> withParameters(String parameters) {
        return QuarkusTransaction.requiringNew().call(() -> AccessLogEntry
                .<AccessLogEntry>find("parameters = ?1 order by id", parameters).list());
    }

    private static long count() {
        return QuarkusTransaction.requiringNew().call(() -> AccessLogEntry.count());
    }

    private static String token(String subject, String role) {
        return TestTokens.of(subject, role);
    }
}
