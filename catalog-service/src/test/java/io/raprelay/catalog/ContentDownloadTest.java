package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.archive.ArchiveAlteredException;
import io.raprelay.catalog.archive.VerifiedContent;
import io.raprelay.catalog.ingest.EventStore;
import io.raprelay.catalog.ingest.IncomingEvent;
import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.catalog.support.CatalogSetup;
import io.raprelay.catalog.support.TopicReader;
import io.raprelay.contracts.ArchiveAltered;
import io.raprelay.contracts.ArchiveLayout;
import io.raprelay.contracts.ArchiveRestored;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.TestTokens;

/** Downloads serve the archived bytes only while they match the checksum recorded at fetch time. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ContentDownloadTest {

    @InjectKafka
    String bootstrapServers;

    @Inject
    EventStore store;
    @Inject
    CatalogConfig config;
    @Inject
    VerifiedContent content;

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
                .body("detail", not(containsString(sha256(content))));

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
    void aRestoredCopyIsVerifiedByAnAdminAndResolvesItsAlterationOnce() throws Exception {
        byte[] original = "settlement 9,876.54\n".repeat(400).getBytes(StandardCharsets.US_ASCII);
        ReportArrived report = archived("CSEMS08_B01234_20310310.txt", original);
        Path file = Path.of(java.net.URI.create(report.archiveLocation()));
        byte[] changed = original.clone();
        changed[7] = (byte) (changed[7] ^ 1);
        Files.write(file, changed);
        String url = "/api/reports/" + report.reportKey() + "/versions/1/";

        given().auth().oauth2(token("admin")).when().post(url + "verification")
                .then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Archive altered"));
        given().auth().oauth2(token("auditor")).when().get(url + "content").then().statusCode(409);
        List<ArchiveAltered> alterations = TopicReader.read(bootstrapServers, Topics.ARCHIVE_ALERTS,
                events -> events.stream().filter(e -> e instanceof ArchiveAltered a
                        && a.reportKey().equals(report.reportKey())).count() == 2,
                Duration.ZERO)
                .stream().filter(e -> e instanceof ArchiveAltered a && a.reportKey().equals(report.reportKey()))
                .map(ArchiveAltered.class::cast).toList();

        // Only an admin verifies; nothing changes for the others' asking.
        given().auth().oauth2(token("auditor")).when().post(url + "verification").then().statusCode(403);
        given().when().post(url + "verification").then().statusCode(401);

        Files.write(file, original); // restored from a backup
        given().auth().oauth2(token("admin")).when().post(url + "verification")
                .then().statusCode(200).body("intact", equalTo(true)).body("sha256", equalTo(report.sha256()))
                .body("version", equalTo(1));
        // Downloads after that find it intact and tell nobody again.
        given().auth().oauth2(token("auditor")).when().get(url + "content").then().statusCode(200);
        given().auth().oauth2(token("admin")).when().post(url + "verification").then().statusCode(200);

        List<ArchiveRestored> restored = TopicReader.read(bootstrapServers, Topics.ARCHIVE_ALERTS,
                events -> events.stream().anyMatch(e -> e instanceof ArchiveRestored r
                        && r.reportKey().equals(report.reportKey())),
                Duration.ofSeconds(3))
                .stream().filter(e -> e instanceof ArchiveRestored r && r.reportKey().equals(report.reportKey()))
                .map(ArchiveRestored.class::cast).toList();
        assertThat(restored).hasSize(1);
        assertThat(restored.get(0).alteredEventIds())
                .containsExactlyElementsOf(alterations.stream().map(ArchiveAltered::eventId).toList());
        assertThat(restored.get(0).sha256()).isEqualTo(report.sha256());
        assertThat(restored.get(0).checkedBy()).isEqualTo("alice");
        assertThat(restored.get(0).alteredSince()).isCloseTo(alterations.get(0).occurredAt(),
                within(1, ChronoUnit.MILLIS));
        assertThat(restored.get(0).version()).isEqualTo(1);
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
        // A folder makes no pre-signed links: 409, download the content instead.
        given().auth().oauth2(token("downstream")).when().get(url + "1/content-link").then().statusCode(409)
                .contentType("application/problem+json").body("title", equalTo("No link"));
    }

    @Test
    void aReIssueIsServedFromItsVersionName() throws Exception {
        String name = "CCMCR01_B01234_20310310.txt";
        byte[] first = "first issue\n".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "second issue\n".getBytes(StandardCharsets.US_ASCII);
        ReportArrived original = archived(name, first);
        Path secondCopy = write("rapb01234", ArchiveLayout.versionName(name, sha256(second)), second);
        store.apply(List.of(new IncomingEvent(event(name, "rapb01234", second, secondCopy.toUri().toString()),
                Topics.REPORTS, 0, 1)));

        String url = "/api/reports/" + original.reportKey() + "/versions/";
        assertThat(given().auth().oauth2(token("auditor")).when().get(url + "1/content").then().statusCode(200)
                .extract().asByteArray()).isEqualTo(first);
        assertThat(given().auth().oauth2(token("auditor")).when().get(url + "2/content").then().statusCode(200)
                .extract().asByteArray()).isEqualTo(second);
    }

    /**
     * Whoever can produce to rap.reports can forge an event: its location is never opened, and a forged identity
     * can neither climb out of the archive nor follow a link out of it. Nothing is served, and no answer tells a hash
     * but the one the event itself claimed.
     */
    @Test
    void forgedEventsServeNothingOutsideTheArchive() throws Exception {
        byte[] passwd = Files.readAllBytes(Path.of("/etc/passwd"));
        byte[] claimed = "claimed\n".getBytes(StandardCharsets.US_ASCII);
        Path link = archiveRoot().resolve(ArchiveLayout.folder(null, Installation.HKSCC, "rapb09999",
                LocalDate.of(2031, 3, 10)));
        Files.createDirectories(link);
        for (String name : List.of("CCLTN06_B09999_20310310.txt", "CCLTN07_B09999_20310310.txt")) {
            Files.deleteIfExists(link.resolve(name));
            Files.createSymbolicLink(link.resolve(name), Path.of("/etc/passwd"));
        }

        List<ReportArrived> forged = List.of(
                event("CCLTN05_B09999_20310310.txt", "rapb09999", claimed, "file:///etc/passwd"),
                event("../../../../../../../../../../etc/passwd", "rapb09999", claimed, "file:///etc/passwd"),
                event("passwd", "../../../../../../../../../../etc", claimed, "file:///etc/passwd"),
                event("CCLTN06_B09999_20310310.txt", "rapb09999", claimed, "file:///etc/passwd"),
                event("CCLTN07_B09999_20310310.txt", "rapb09999", passwd, "file:///etc/passwd"));
        for (ReportArrived event : forged) {
            store.apply(List.of(new IncomingEvent(event, Topics.REPORTS, 0, 0)));
            String body = given().auth().oauth2(token("auditor")).urlEncodingEnabled(false).when()
                    .get("/api/reports/" + event.reportKey() + "/versions/1/content")
                    .then().statusCode(anyOf(equalTo(403), equalTo(404), equalTo(409))).extract().asString();
            assertThat(body).as(event.fileName()).doesNotContain("root:");
            if (!event.sha256().equals(sha256(passwd))) {
                assertThat(body).as(event.fileName()).doesNotContain(sha256(passwd));
            }
            // Below the HTTP layer too (a path with "..", normalised by the server, never even reaches the API).
            ReportVersion version = QuarkusTransaction.requiringNew().call(() -> ReportVersion
                    .<ReportVersion>find("reportKey", event.reportKey()).firstResult());
            Report report = QuarkusTransaction.requiringNew().call(() -> Report.findById(event.reportKey()));
            assertThatThrownBy(() -> content.open(report, version, "mallory"))
                    .isInstanceOf(ArchiveAlteredException.class)
                    .hasMessageNotContaining(sha256(passwd).equals(event.sha256()) ? "root:" : sha256(passwd));
            ArchiveAltered alert = alertFor(event.reportKey());
            assertThat(alert.actualSha256()).as(event.fileName()).isNull();
        }
    }

    private ReportArrived archived(String fileName, byte[] content) throws Exception {
        ReportArrived report = event(fileName, "rapb01234", content,
                write("rapb01234", fileName, content).toUri().toString());
        store.apply(List.of(new IncomingEvent(report, Topics.REPORTS, 0, 0)));
        return report;
    }

    /** The fetcher's copy: where {@link ArchiveLayout} puts it under the catalog's archive root. */
    private Path write(String account, String name, byte[] content) throws Exception {
        Path folder = archiveRoot().resolve(ArchiveLayout.folder(null, Installation.HKSCC, account,
                LocalDate.of(2031, 3, 10)));
        Files.createDirectories(folder);
        return Files.write(folder.resolve(name), content);
    }

    private Path archiveRoot() {
        return config.archiveRoot().toAbsolutePath();
    }

    private static ReportArrived event(String fileName, String account, byte[] content, String archiveLocation)
            throws Exception {
        String remotePath = "INBOX/20310310/" + fileName;
        String key = "HKSCC/" + account + "/" + remotePath;
        String sha = sha256(content);
        String reportId = "r-" + UUID.nameUUIDFromBytes((key + sha).getBytes(StandardCharsets.UTF_8));
        return new ReportArrived(UUID.randomUUID().toString(), reportId, key, ClearingHouse.HKSCC,
                SourceSystem.CCASS, "CCLTN05", "B01234", LocalDate.of(2031, 3, 10), fileName,
                remotePath, content.length, sha, Instant.parse("2031-03-10T10:00:00Z"),
                Instant.parse("2031-03-10T10:00:05Z"), Installation.HKSCC, account, DataCentre.PRIMARY,
                "10.243.2.141:18801", archiveLocation, "text/plain", false);
    }

    private ArchiveAltered alertFor(String reportKey) {
        return TopicReader.archiveAltered(bootstrapServers, reportKey);
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
