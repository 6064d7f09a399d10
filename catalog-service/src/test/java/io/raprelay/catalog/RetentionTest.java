package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.audit.AccessLogEntry;
import io.raprelay.catalog.ingest.EventStore;
import io.raprelay.catalog.ingest.IncomingEvent;
import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.catalog.retention.Retention;
import io.raprelay.catalog.retention.RetentionRefusedException;
import io.raprelay.catalog.support.CatalogSetup;
import io.raprelay.contracts.ArchiveLayout;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.TestTokens;

/**
 * Retention and legal hold: a copy past its retention (seven years from its business date by default) is removed,
 * recorded on its version and in the access log, and answered 410 from then on; a held copy is kept until the hold
 * is released; a removal before the retention ends, or under a hold, is refused and removes nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class RetentionTest {

    /** Past seven years from today (2026 onwards). */
    static final LocalDate OLD = LocalDate.of(2012, 3, 12);
    static final LocalDate RECENT = LocalDate.of(2031, 3, 12);

    @Inject
    EventStore store;
    @Inject
    Retention retention;
    @Inject
    CatalogConfig config;

    @Test
    void aCopyPastItsRetentionIsRemovedLoggedAndAnswered410() throws Exception {
        Path copy = archive("CCLTN05_B01234_20120312.txt", OLD);
        String key = key("CCLTN05_B01234_20120312.txt", OLD);

        assertThat(retention.expire()).isPositive();

        assertThat(copy).doesNotExist();
        ReportVersion version = version(key);
        assertThat(version.removedAt).isNotNull();
        List<AccessLogEntry> logged = QuarkusTransaction.requiringNew().call(() -> AccessLogEntry
                .<AccessLogEntry>list("subject = ?1 and parameters like ?2", "retention", "%reportKey=" + key + "&%"));
        assertThat(logged).singleElement().satisfies(entry -> {
            assertThat(entry.action).isEqualTo("RETENTION REMOVE");
            assertThat(entry.parameters).contains("keptUntil=2019-03-12");
        });
        given().auth().oauth2(TestTokens.of("alice", "auditor")).when()
                .get("/api/reports/" + key + "/versions/1/content").then().statusCode(410)
                .contentType("application/problem+json").body("detail", containsString("retention"));
        given().auth().oauth2(TestTokens.of("alice", "auditor")).when().get("/api/reports/" + key).then()
                .statusCode(200); // the record stays
    }

    @Test
    void aHeldCopyIsKeptUntilTheHoldIsReleased() throws Exception {
        Path copy = archive("CCMCR01_B01234_20120312.txt", OLD);
        String key = key("CCMCR01_B01234_20120312.txt", OLD);
        String hold = "/api/reports/" + key + "/legal-hold";

        given().auth().oauth2(TestTokens.of("dana", "admin")).contentType("application/json")
                .body("{\"reason\": \"SFC enquiry 2026-117\"}").when().put(hold).then().statusCode(201)
                .body("setBy", equalTo("dana")).body("reason", equalTo("SFC enquiry 2026-117"));
        given().auth().oauth2(TestTokens.of("dana", "admin")).contentType("application/json")
                .body("{\"reason\": \"again\"}").when().put(hold).then().statusCode(200)
                .body("reason", equalTo("SFC enquiry 2026-117"));
        retention.expire();
        assertThat(copy).exists();
        assertThatThrownBy(() -> retention.remove(report(key), version(key)))
                .isInstanceOf(RetentionRefusedException.class).hasMessageContaining("legal hold");
        assertThat(copy).exists();
        given().auth().oauth2(TestTokens.of("alice", "auditor")).when().get(hold).then().statusCode(200)
                .body("setAt", notNullValue());

        given().auth().oauth2(TestTokens.of("dana", "admin")).queryParam("reason", "enquiry closed").when()
                .delete(hold).then().statusCode(200).body("releasedBy", equalTo("dana"))
                .body("releaseReason", equalTo("enquiry closed"));
        given().auth().oauth2(TestTokens.of("alice", "auditor")).when().get(hold).then().statusCode(404);
        retention.expire();
        assertThat(copy).doesNotExist();
    }

    @Test
    void aRemovalBeforeTheRetentionEndsIsRefusedAndRemovesNothing() throws Exception {
        Path copy = archive("CSEMA08_B01234_20310312.txt", RECENT);
        String key = key("CSEMA08_B01234_20310312.txt", RECENT);

        assertThatThrownBy(() -> retention.remove(report(key), version(key)))
                .isInstanceOf(RetentionRefusedException.class).hasMessageContaining("kept until 2038-03-12");
        retention.expire();

        assertThat(copy).exists();
        assertThat(version(key).removedAt).isNull();
        given().auth().oauth2(TestTokens.of("alice", "auditor")).when()
                .get("/api/reports/" + key + "/versions/1/content").then().statusCode(200);
    }

    @Test
    void holdsNeedAnAdminAReasonAndAReport() throws Exception {
        archive("CIPSI02_B01234_20310312.txt", RECENT);
        String hold = "/api/reports/" + key("CIPSI02_B01234_20310312.txt", RECENT) + "/legal-hold";
        given().auth().oauth2(TestTokens.of("olga", "operator")).contentType("application/json")
                .body("{\"reason\": \"x\"}").when().put(hold).then().statusCode(403);
        given().auth().oauth2(TestTokens.of("dana", "admin")).contentType("application/json").body("{}").when()
                .put(hold).then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("reason"));
        given().auth().oauth2(TestTokens.of("dana", "admin")).contentType("application/json")
                .body("{\"reason\": \"x\"}").when().put("/api/reports/HKSCC/none/INBOX/none.txt/legal-hold").then()
                .statusCode(404);
        given().auth().oauth2(TestTokens.of("dana", "admin")).when().delete(hold).then().statusCode(400);
        given().auth().oauth2(TestTokens.of("dana", "admin")).queryParam("reason", "x".repeat(501)).when()
                .delete(hold).then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("reason"));
        given().auth().oauth2(TestTokens.of("dana", "admin")).queryParam("reason", "x").when().delete(hold).then()
                .statusCode(404);
    }

    /** A report of one version, its copy where the fetcher's file archive puts it. */
    private Path archive(String fileName, LocalDate day) throws Exception {
        byte[] content = ("report " + fileName + "\n").getBytes(StandardCharsets.US_ASCII);
        Path folder = Path.of(config.archiveRoot().toString())
                .resolve(ArchiveLayout.folder(null, Installation.HKSCC, "rapb01234", day));
        Files.createDirectories(folder);
        Path copy = Files.write(folder.resolve(fileName), content);
        String remotePath = "INBOX/" + day.toString().replace("-", "") + "/" + fileName;
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        store.apply(List.of(new IncomingEvent(new ReportArrived(UUID.randomUUID().toString(),
                "r-" + UUID.randomUUID(), key(fileName, day), ClearingHouse.HKSCC, SourceSystem.CCASS, "CCLTN05",
                "B01234", day, fileName, remotePath, content.length, sha, Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T10:00:05Z"), Installation.HKSCC, "rapb01234", DataCentre.PRIMARY,
                "10.243.2.141:18801", copy.toUri().toString(), "text/plain", false), Topics.REPORTS, 0, 0)));
        return copy;
    }

    private static String key(String fileName, LocalDate day) {
        return "HKSCC/rapb01234/INBOX/" + day.toString().replace("-", "") + "/" + fileName;
    }

    private static Report report(String key) {
        return QuarkusTransaction.requiringNew().call(() -> Report.findById(key));
    }

    private static ReportVersion version(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ReportVersion.<ReportVersion>find("reportKey", key)
                .firstResult());
    }
}
