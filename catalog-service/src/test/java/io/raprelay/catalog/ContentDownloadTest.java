package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.ingest.EventStore;
import io.raprelay.catalog.ingest.IncomingEvent;
import io.raprelay.catalog.support.TopicReader;
import io.raprelay.contracts.ArchiveAltered;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.postgres.PostgresTestResource;

/** Downloads serve the archived bytes only while they match the checksum recorded at fetch time. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "catalog"))
@QuarkusTestResource(OidcWiremockTestResource.class)
class ContentDownloadTest {

    @InjectKafka
    String bootstrapServers;

    @Inject
    EventStore store;

    @Test
    void theArchivedBytesAreServedWithTheirDigest() throws Exception {
        byte[] content = "CCASS report body\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        ReportArrived report = archived("CCLTN05_B01234_20310310.txt", content);

        byte[] body = given().auth().oauth2(token("auditor")).when()
                .get("/api/reports/" + report.reportKey() + "/versions/1/content")
                .then().statusCode(200).contentType("text/plain")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(
                        HexFormat.of().parseHex(report.sha256())) + ":")
                .header("Content-Disposition", containsString("CCLTN05_B01234_20310310.txt"))
                .extract().asByteArray();
        assertThat(body).isEqualTo(content);
    }

    @Test
    void aChangedByteIsDetectedRefusedAndRaisedAsAnAlert() throws Exception {
        byte[] content = "margin 1,234,567.89\n".repeat(500).getBytes(StandardCharsets.US_ASCII);
        ReportArrived report = archived("RMAMR03_B01234_20310310.txt", content);
        Path file = Path.of(java.net.URI.create(report.archiveLocation()));
        content[100] = (byte) (content[100] ^ 1);
        Files.write(file, content);

        given().auth().oauth2(token("auditor")).when()
                .get("/api/reports/" + report.reportKey() + "/versions/1/content")
                .then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Archive altered"))
                .body("detail", containsString(report.sha256()))
                .body("detail", containsString(sha256(content)));

        ArchiveAltered alert = alertFor(report.reportKey());
        assertThat(alert.expectedSha256()).isEqualTo(report.sha256());
        assertThat(alert.actualSha256()).isEqualTo(sha256(content));
        assertThat(alert.requestedBy()).isEqualTo("alice");

        Files.delete(file);
        given().auth().oauth2(token("admin")).when()
                .get("/api/reports/" + report.reportKey() + "/versions/1/content")
                .then().statusCode(409).body("detail", containsString("missing"));
    }

    @Test
    void onlyAuditorsAndAdminsDownloadAndUnknownVersionsAre404() throws Exception {
        ReportArrived report = archived("CIPSI02_B01234_20310310.txt", "x".getBytes(StandardCharsets.US_ASCII));
        String url = "/api/reports/" + report.reportKey() + "/versions/";
        given().when().get(url + "1/content").then().statusCode(401);
        given().auth().oauth2(token("operator")).when().get(url + "1/content").then().statusCode(403);
        given().auth().oauth2(token("admin")).when().get(url + "1/content").then().statusCode(200);
        given().auth().oauth2(token("auditor")).when().get(url + "2/content").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private ReportArrived archived(String fileName, byte[] content) throws Exception {
        Path archive = Files.createTempDirectory("rap-relay-archive-");
        Path file = Files.write(archive.resolve(fileName), content);
        String remotePath = "INBOX/20310310/" + fileName;
        String key = "HKSCC/rapb01234/" + remotePath;
        String sha = sha256(content);
        String reportId = "r-" + UUID.nameUUIDFromBytes((key + sha).getBytes(StandardCharsets.UTF_8));
        ReportArrived report = new ReportArrived(UUID.randomUUID().toString(), reportId, key, ClearingHouse.HKSCC,
                SourceSystem.CCASS, fileName.substring(0, 7), "B01234", LocalDate.of(2031, 3, 10), fileName,
                remotePath, content.length, sha, Instant.parse("2031-03-10T10:00:00Z"),
                Instant.parse("2031-03-10T10:00:05Z"), Installation.HKSCC, "rapb01234", DataCentre.PRIMARY,
                "10.243.2.141:18801", file.toUri().toString(), "text/plain", false);
        store.apply(List.of(new IncomingEvent(report, Topics.REPORTS, 0, 0)));
        return report;
    }

    private ArchiveAltered alertFor(String reportKey) {
        return TopicReader.read(bootstrapServers, Topics.ARCHIVE_ALERTS,
                events -> events.stream()
                        .anyMatch(e -> e instanceof ArchiveAltered a && a.reportKey().equals(reportKey)),
                Duration.ZERO).stream().filter(e -> e instanceof ArchiveAltered a && a.reportKey().equals(reportKey))
                .map(ArchiveAltered.class::cast).findFirst().orElseThrow();
    }

    private static String token(String role) {
        return OidcWiremockTestResource.getAccessToken("alice", Set.of(role));
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
