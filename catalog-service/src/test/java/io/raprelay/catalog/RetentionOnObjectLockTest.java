package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.ingest.EventStore;
import io.raprelay.catalog.ingest.IncomingEvent;
import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.catalog.retention.Retention;
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
import io.raprelay.testing.s3.CephTestResource;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Retention and legal holds on an archive in a bucket with S3 Object Lock, on a store that enforces it (Ceph's
 * gateway): a hold set through the API holds the objects in the store as well, and is taken off when released; a
 * removal past the catalog's retention deletes every version of the copy, and only once the store lets it go.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@TestProfile(RetentionOnObjectLockTest.LockedArchive.class)
class RetentionOnObjectLockTest {

    /** Past seven years from today (2026 onwards). */
    static final LocalDate OLD = LocalDate.of(2012, 3, 12);

    static S3Client s3;

    @Inject
    EventStore store;
    @Inject
    Retention retention;

    public static class LockedArchive implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.s3.object-lock", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CephTestResource.class, Map.of("service", "catalog")));
        }
    }

    @AfterAll
    static void closeClient() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aHoldSetThroughTheApiHoldsTheObjectInTheStoreUntilReleased() throws Exception {
        String objectKey = archive("CCHLD01_B01234_20120312.txt", null);
        String hold = "/api/reports/" + key("CCHLD01_B01234_20120312.txt") + "/legal-hold";

        given().auth().oauth2(TestTokens.of("dana", "admin")).contentType("application/json")
                .body("{\"reason\": \"SFC enquiry 2026-117\"}").when().put(hold).then().statusCode(201);

        assertThat(legalHold(objectKey)).isEqualTo("ON");
        String versionId = versions(objectKey).versions().get(0).versionId();
        assertThatThrownBy(() -> s3().deleteObject(b -> b.bucket(CephTestResource.BUCKET).key(objectKey)
                .versionId(versionId).bypassGovernanceRetention(true)))
                .as("whoever holds the bucket's keys").isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(403));

        given().auth().oauth2(TestTokens.of("dana", "admin")).queryParam("reason", "enquiry closed").when()
                .delete(hold).then().statusCode(200);
        assertThat(legalHold(objectKey)).isEqualTo("OFF");
        retention.expire();
        assertThat(versions(objectKey).versions()).isEmpty();
        assertThat(versions(objectKey).deleteMarkers()).isEmpty();
    }

    @Test
    void aCopyPastRetentionGoesWithEveryVersionOnlyOnceTheStoresLockEnds() throws Exception {
        Instant lockEnds = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        String objectKey = archive("CCLCK01_B01234_20120312.txt", lockEnds);
        String key = key("CCLCK01_B01234_20120312.txt");
        // Someone with the bucket's keys deletes it (a delete marker: the locked version stays), and it is written
        // again: two locked versions and a marker, all of which a removal must take.
        s3().deleteObject(b -> b.bucket(CephTestResource.BUCKET).key(objectKey));
        s3().putObject(b -> b.bucket(CephTestResource.BUCKET).key(objectKey)
                .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(lockEnds),
                RequestBody.fromString(content("CCLCK01_B01234_20120312.txt")));

        assertThatThrownBy(() -> retention.remove(report(key), version(key))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tried again at the next expiry").hasStackTraceContaining("403 AccessDenied");
        assertThat(version(key).removedAt).isNull();
        given().auth().oauth2(TestTokens.of("alice", "auditor")).when()
                .get("/api/reports/" + key + "/versions/1/content").then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            retention.expire();
            return version(key).removedAt != null;
        });
        assertThat(versions(objectKey).versions()).isEmpty();
        assertThat(versions(objectKey).deleteMarkers()).isEmpty();
        given().auth().oauth2(TestTokens.of("alice", "auditor")).when()
                .get("/api/reports/" + key + "/versions/1/content").then().statusCode(410);
    }

    /** A report of one version, its copy put where the fetcher's S3 archive puts it, locked until then if given. */
    private String archive(String fileName, Instant lockedUntil) throws Exception {
        byte[] content = content(fileName).getBytes(StandardCharsets.US_ASCII);
        String objectKey = ArchiveLayout.folder(null, Installation.HKSCC, "rapb01234", OLD) + "/" + fileName;
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(CephTestResource.BUCKET).key(objectKey);
        if (lockedUntil != null) {
            put.objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(lockedUntil);
        }
        s3().putObject(put.build(), RequestBody.fromBytes(content));
        String remotePath = "INBOX/20120312/" + fileName;
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        store.apply(List.of(new IncomingEvent(new ReportArrived(UUID.randomUUID().toString(),
                "r-" + UUID.randomUUID(), key(fileName), ClearingHouse.HKSCC, SourceSystem.CCASS, "CCLTN05",
                "B01234", OLD, fileName, remotePath, content.length, sha, Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T10:00:05Z"), Installation.HKSCC, "rapb01234", DataCentre.PRIMARY,
                "10.243.2.141:18801", "s3://" + CephTestResource.BUCKET + "/" + objectKey, "text/plain", false),
                Topics.REPORTS, 0, 0)));
        return objectKey;
    }

    private static String content(String fileName) {
        return "report " + fileName + "\n";
    }

    private static String key(String fileName) {
        return "HKSCC/rapb01234/INBOX/20120312/" + fileName;
    }

    private static String legalHold(String objectKey) {
        return s3().getObjectLegalHold(b -> b.bucket(CephTestResource.BUCKET).key(objectKey)).legalHold()
                .statusAsString();
    }

    private static ListObjectVersionsResponse versions(String objectKey) {
        return s3().listObjectVersions(b -> b.bucket(CephTestResource.BUCKET).prefix(objectKey));
    }

    private static S3Client s3() {
        if (s3 == null) {
            s3 = CephTestResource.client();
        }
        return s3;
    }

    private static Report report(String key) {
        return QuarkusTransaction.requiringNew().call(() -> Report.findById(key));
    }

    private static ReportVersion version(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ReportVersion.<ReportVersion>find("reportKey", key)
                .firstResult());
    }
}
