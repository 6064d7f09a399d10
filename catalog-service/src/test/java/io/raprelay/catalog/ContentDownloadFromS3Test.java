package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.TestTokens;
import io.raprelay.testing.s3.S3TestResource;
import io.restassured.response.ExtractableResponse;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Downloads from the fetcher's S3 archive (catalog.archive-store=s3) on a real S3 protocol server: found by the
 * report's identity, served only while they match the checksum recorded at fetch time; an object altered or removed
 * behind the catalog's back is refused and raised as ArchiveAltered.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@TestProfile(ContentDownloadFromS3Test.S3Archive.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContentDownloadFromS3Test {

    static final LocalDate DAY = LocalDate.of(2031, 3, 11);

    @InjectKafka
    String bootstrapServers;
    @Inject
    EventStore store;
    @Inject
    VerifiedContent content;

    static S3Client s3;

    public static class S3Archive implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.s3.link-validity", "3s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3TestResource.class, Map.of("service", "catalog")));
        }
    }

    @AfterAll
    static void closeClient() {
        if (s3 != null) {
            s3.close();
        }
    }

    static S3Client s3() {
        if (s3 == null) {
            s3 = S3TestResource.client();
        }
        return s3;
    }

    @Test
    void theObjectsBytesAreServedAndAReissueFromItsVersionName() throws Exception {
        byte[] first = "CCASS report body\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        byte[] second = "CCASS report body, re-issued\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        String name = "CCLTN05_B01234_20310311.txt";
        ReportArrived original = archived(name, name, first);
        archived(name, ArchiveLayout.versionName(name, sha256(second)), second);

        String url = "/api/reports/" + original.reportKey() + "/versions/";
        assertThat(given().auth().oauth2(TestTokens.of("alice", "auditor")).when().get(url + "1/content").then()
                .statusCode(200).header("Content-Disposition", containsString(name)).extract().asByteArray())
                .isEqualTo(first);
        assertThat(given().auth().oauth2(TestTokens.of("alice", "auditor")).when().get(url + "2/content").then()
                .statusCode(200).extract().asByteArray()).isEqualTo(second);
    }

    /** A downstream system's pre-signed link: the verified bytes, from the bucket, without credentials, for a while. */
    @Test
    void aLinkServesTheVerifiedBytesWithoutCredentialsUntilItExpires() throws Exception {
        byte[] content = "DCASS report body\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);
        String name = "CCMDS01_B01234_20310311.txt";
        ReportArrived report = archived(name, name, content);

        ExtractableResponse<io.restassured.response.Response> link = given()
                .auth().oauth2(TestTokens.of("etl", "downstream")).when()
                .get("/api/reports/" + report.reportKey() + "/versions/1/content-link")
                .then().statusCode(200).contentType("application/json")
                .body("sha256", equalTo(report.sha256())).body("size", equalTo(content.length)).extract();
        URI url = URI.create(link.path("url"));
        assertThat(Instant.parse(link.path("expiresAt"))).isBetween(Instant.now(), Instant.now().plusSeconds(4));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(url).build(), BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(content);

        await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(url).build(),
                BodyHandlers.discarding()).statusCode() == 403);
    }

    @Test
    void anObjectAlteredOrRemovedBehindTheCatalogsBackIsRefusedAndRaised() throws Exception {
        byte[] content = "margin 1,234,567.89\n".repeat(500).getBytes(StandardCharsets.US_ASCII);
        String name = "RMAMR03_B01234_20310311.txt";
        ReportArrived report = archived(name, name, content);
        byte[] altered = content.clone();
        altered[100] = (byte) (altered[100] ^ 1);
        put(key(name), altered);

        given().auth().oauth2(TestTokens.of("alice", "auditor")).when()
                .get("/api/reports/" + report.reportKey() + "/versions/1/content")
                .then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Archive altered"))
                .body("detail", containsString(report.sha256()))
                .body("detail", not(containsString(sha256(altered))));
        given().auth().oauth2(TestTokens.of("etl", "downstream")).when()
                .get("/api/reports/" + report.reportKey() + "/versions/1/content-link")
                .then().statusCode(409).body("title", equalTo("Archive altered"));
        ArchiveAltered alert = alertFor(report.reportKey());
        assertThat(alert.expectedSha256()).isEqualTo(report.sha256());
        assertThat(alert.actualSha256()).isEqualTo(sha256(altered));
        assertThat(alert.archiveLocation()).isEqualTo("s3://" + S3TestResource.BUCKET + "/" + key(name));

        s3().deleteObject(b -> b.bucket(S3TestResource.BUCKET).key(key(name)));
        given().auth().oauth2(TestTokens.of("alice", "admin")).when()
                .get("/api/reports/" + report.reportKey() + "/versions/1/content")
                .then().statusCode(409).body("detail", containsString("missing"));
    }

    /** A forged identity names no key outside the archive's layout, whatever the server would map it to. */
    @Test
    void aForgedIdentityReadsNothingOutsideTheLayout() throws Exception {
        byte[] secret = "not a report\n".getBytes(StandardCharsets.US_ASCII);
        put("secret.txt", secret);
        for (ReportArrived forged : List.of(event("../../../../secret.txt", "rapb09999", secret),
                event("secret.txt", "../../..", secret))) {
            store.apply(List.of(new IncomingEvent(forged, Topics.REPORTS, 0, 0)));
            String body = given().auth().oauth2(TestTokens.of("alice", "auditor")).urlEncodingEnabled(false)
                    .when().get("/api/reports/" + forged.reportKey() + "/versions/1/content")
                    .then().statusCode(anyOf(equalTo(403), equalTo(404), equalTo(409))).extract().asString();
            assertThat(body).doesNotContain("not a report");
            // Below the HTTP layer too (a path with "..", normalised by the server, never even reaches the API).
            ReportVersion version = QuarkusTransaction.requiringNew().call(() -> ReportVersion
                    .<ReportVersion>find("reportKey", forged.reportKey()).firstResult());
            Report report = QuarkusTransaction.requiringNew().call(() -> Report.findById(forged.reportKey()));
            assertThatThrownBy(() -> content.open(report, version, "mallory"))
                    .isInstanceOf(ArchiveAlteredException.class);
            assertThat(alertFor(forged.reportKey()).archiveLocation()).doesNotEndWith("/secret.txt");
        }
    }

    /** Last: the archive's server stops; a download is then 503 to be tried again, not an altered archive. */
    @Test
    @Order(Integer.MAX_VALUE)
    void anArchiveThatCannotBeReachedIs503NotAltered() throws Exception {
        String name = "CSEMA08_B01234_20310311.txt";
        ReportArrived report = archived(name, name, "x".getBytes(StandardCharsets.US_ASCII));
        S3TestResource.stopServer();

        given().auth().oauth2(TestTokens.of("alice", "auditor")).when()
                .get("/api/reports/" + report.reportKey() + "/versions/1/content")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "60")
                .body("title", equalTo("Archive unavailable"));
    }

    private ReportArrived archived(String fileName, String objectName, byte[] content) throws Exception {
        put(key(objectName), content);
        ReportArrived report = event(fileName, "rapb01234", content);
        store.apply(List.of(new IncomingEvent(report, Topics.REPORTS, 0, 0)));
        return report;
    }

    /** Where the fetcher's S3 archive puts a copy: the folder layout as a key. */
    private static String key(String name) {
        return ArchiveLayout.folder(null, Installation.HKSCC, "rapb01234", DAY) + "/" + name;
    }

    private static void put(String key, byte[] content) {
        s3().putObject(b -> b.bucket(S3TestResource.BUCKET).key(key), RequestBody.fromBytes(content));
    }

    private static ReportArrived event(String fileName, String account, byte[] content) throws Exception {
        String remotePath = "INBOX/20310311/" + fileName;
        String key = "HKSCC/" + account + "/" + remotePath;
        String sha = sha256(content);
        String reportId = "r-" + UUID.nameUUIDFromBytes((key + sha).getBytes(StandardCharsets.UTF_8));
        return new ReportArrived(UUID.randomUUID().toString(), reportId, key, ClearingHouse.HKSCC,
                SourceSystem.CCASS, "CCLTN05", "B01234", DAY, fileName, remotePath, content.length, sha,
                Instant.parse("2031-03-11T10:00:00Z"), Instant.parse("2031-03-11T10:00:05Z"), Installation.HKSCC,
                account, DataCentre.PRIMARY, "10.243.2.141:18801", "s3://elsewhere/" + fileName, "text/plain", false);
    }

    private ArchiveAltered alertFor(String reportKey) {
        return TopicReader.archiveAltered(bootstrapServers, reportKey);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
