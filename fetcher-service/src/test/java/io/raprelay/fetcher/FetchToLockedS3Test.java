package io.raprelay.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.RetentionPeriods;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.fetcher.archive.ArchivedFile;
import io.raprelay.fetcher.archive.S3Archive;
import io.raprelay.fetcher.support.EventCollector;
import io.raprelay.fetcher.support.InjectRapSimulator;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.s3.CephTestResource;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The fetcher writing reports locked (fetcher.s3.object-lock=compliance) to a store that enforces S3 Object Lock
 * (Ceph's gateway): each fetched report's object is locked until the end of its clearing house's and system's
 * retention; every version, single-part, multipart or re-issued, carries its lock from the moment it exists; S3
 * refuses to delete it before; and the staging of a re-issue leaves no bytes behind in the versioned bucket.
 */
@QuarkusTest
@TestProfile(FetchToLockedS3Test.LockedArchive.class)
@Order(9)
class FetchToLockedS3Test {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final LocalDate FETCHED_DAY = LocalDate.of(2025, 9, 2);
    static final LocalDate DAY = LocalDate.of(2025, 6, 20);
    static final RetentionPeriods RETENTION = new RetentionPeriods(Period.ofYears(7),
            Map.of("HKCC", Map.of("DCASS", Period.ofYears(10)), "HKSCC", Map.of("CCASS", Period.ofYears(8))));
    static final int PART = S3Archive.MIN_PART_SIZE;
    static final long NO_LIMIT = Long.MAX_VALUE;

    static S3Client s3;

    @InjectKafka
    String bootstrapServers;
    @InjectRapSimulator
    RapSimulator simulator;

    String bucket;

    public static class LockedArchive implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fetcher.s3.object-lock", "compliance", "fetcher.retention.periods.HKCC.DCASS", "P10Y",
                    "fetcher.retention.periods.HKSCC.CCASS", "P8Y");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CephTestResource.class));
        }
    }

    @AfterAll
    static void closeClient() {
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void lockedBucket() {
        if (s3 == null) {
            s3 = CephTestResource.client();
        }
        bucket = "locked-" + UUID.randomUUID();
        s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
    }

    @Test
    void eachFetchedReportIsLockedUntilTheEndOfItsRetention() throws Exception {
        try (EventCollector events = new EventCollector(bootstrapServers)) {
            simulator.generator().publishDay(FETCHED_DAY);

            await().atMost(WAIT).until(() -> arrivals(events).size() >= 20);

            for (ReportArrived arrived : arrivals(events)) {
                URI location = URI.create(arrived.archiveLocation());
                assertThat(location.getHost()).isEqualTo(CephTestResource.BUCKET);
                ObjectLockRetention retention = s3.getObjectRetention(b -> b.bucket(CephTestResource.BUCKET)
                        .key(location.getPath().substring(1))).retention();
                assertThat(retention.modeAsString()).as(arrived.remotePath()).isEqualTo("COMPLIANCE");
                assertThat(retention.retainUntilDate()).as(arrived.remotePath()).isEqualTo(RETENTION
                        .lockedUntil(arrived.clearingHouse(), arrived.sourceSystem(), FETCHED_DAY).toInstant());
            }
            assertThat(arrivals(events)).extracting(ReportArrived::sourceSystem).contains(SourceSystem.CCASS);
        }
    }

    @Test
    void everyVersionIsWrittenLockedFromTheMomentItExists() throws Exception {
        S3Archive archive = new S3Archive(s3, bucket, "rap-relay/", PART, ObjectLockMode.COMPLIANCE, true);
        archive.requireObjectLock();
        Instant dcass = RETENTION.lockedUntil(ClearingHouse.HKCC, SourceSystem.DCASS, DAY).toInstant();
        assertThat(dcass).isEqualTo(Instant.parse("2035-06-20T16:00:00Z")); // ten years, then midnight in HK

        byte[] big = new byte[2 * PART + 1234];
        new Random(7).nextBytes(big);
        List<ArchivedFile> written = List.of(
                archive.write(null, Installation.HKCC_SEOCH, "rapc00001", DAY, "DTRP001.csv", stream("v1"),
                        NO_LIMIT, 2, dcass),
                archive.write(null, Installation.HKCC_SEOCH, "rapc00001", DAY, "DTRP001.csv", stream("v2"),
                        NO_LIMIT, 2, dcass),
                archive.write(null, Installation.HKCC_SEOCH, "rapc00001", DAY, "VAR001.bin",
                        new ByteArrayInputStream(big), NO_LIMIT, big.length, dcass));

        assertThat(written).extracting(file -> key(file)).containsExactly(
                "rap-relay/HKCC_SEOCH/rapc00001/2025-06-20/DTRP001.csv",
                "rap-relay/HKCC_SEOCH/rapc00001/2025-06-20/DTRP001.csv@" + written.get(1).sha256().substring(0, 16),
                "rap-relay/HKCC_SEOCH/rapc00001/2025-06-20/VAR001.bin");
        for (ArchivedFile file : written) {
            ObjectLockRetention retention = s3.getObjectRetention(b -> b.bucket(bucket).key(key(file))).retention();
            assertThat(retention.mode().toString()).as(key(file)).isEqualTo("COMPLIANCE");
            assertThat(retention.retainUntilDate()).as(key(file)).isEqualTo(dcass);
        }
    }

    @Test
    void noOneDeletesALockedVersionBeforeItsRetentionEnds() throws Exception {
        S3Archive archive = new S3Archive(s3, bucket, "", PART, ObjectLockMode.GOVERNANCE, true);
        Instant until = RETENTION.lockedUntil(ClearingHouse.HKSCC, SourceSystem.CCASS, DAY).toInstant();
        ArchivedFile file = archive.write(null, Installation.HKSCC, "rapb01234", DAY, "CCLTN05.txt",
                stream("settled"), NO_LIMIT, 7, until);
        String versionId = versions(key(file)).versions().get(0).versionId();

        assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket(bucket).key(key(file)).versionId(versionId)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        s3.deleteObject(b -> b.bucket(bucket).key(key(file))); // only hides it behind a delete marker
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key(file)).versionId(versionId)).asUtf8String())
                .isEqualTo("settled");
        assertThat(RETENTION.keptUntil(ClearingHouse.HKSCC, SourceSystem.CCASS, DAY)).isEqualTo("2033-06-20");
    }

    @Test
    void reissuesAndCrashesLeaveNoStagingBytesInTheVersionedBucket() throws Exception {
        S3Archive archive = new S3Archive(s3, bucket, "rap-relay/", PART, ObjectLockMode.COMPLIANCE, true);
        Instant until = Instant.now().plusSeconds(3600);
        archive.write(null, Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), NO_LIMIT, -1, until);
        archive.write(null, Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), NO_LIMIT, -1, until); // same
        archive.write(null, Installation.HKSCC, "a", DAY, "R.txt", stream("v2"), NO_LIMIT, -1, until); // re-issue
        assertThat(versions("rap-relay/.staging/").versions()).isEmpty();
        assertThat(versions("rap-relay/.staging/").deleteMarkers()).isEmpty();

        // A fetcher killed after staging a re-issue leaves a staging object, here in two versions and a marker.
        String staged = "rap-relay/.staging/" + UUID.randomUUID() + ".part";
        s3.putObject(b -> b.bucket(bucket).key(staged), RequestBody.fromString("half"));
        s3.putObject(b -> b.bucket(bucket).key(staged), RequestBody.fromString("half again"));
        s3.deleteObject(b -> b.bucket(bucket).key(staged));

        assertThat(archive.removeLeftovers()).isEqualTo(3);
        assertThat(versions("rap-relay/.staging/").versions()).isEmpty();
        assertThat(versions("rap-relay/.staging/").deleteMarkers()).isEmpty();
        assertThat(versions("rap-relay/HKSCC/").versions()).hasSize(2); // v1 and v2, both kept
    }

    @Test
    void aVersionLeftUnlockedByACutOffWriteIsLockedWhenFetchedAgain() throws Exception {
        S3Archive archive = new S3Archive(s3, bucket, "", PART, ObjectLockMode.COMPLIANCE, true);
        Instant until = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        // A fetcher killed between completing a multipart upload and locking it leaves the version unlocked.
        String key = "HKSCC/a/2025-06-20/R.bin";
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("whole"));

        ArchivedFile again = archive.write(null, Installation.HKSCC, "a", DAY, "R.bin", stream("whole"), NO_LIMIT, 5,
                until);

        assertThat(key(again)).isEqualTo(key);
        ObjectLockRetention retention = s3.getObjectRetention(b -> b.bucket(bucket).key(key)).retention();
        assertThat(retention.mode().toString()).isEqualTo("COMPLIANCE");
        assertThat(retention.retainUntilDate()).isEqualTo(until);
    }

    @Test
    void eachReportsSha256GoesAsItsS3ChecksumAndEachPartsWithAMultipartUpload() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                SdkHttpRequest request = context.httpRequest();
                sent.add(request.method() + " " + request.encodedPath()
                        + (request.rawQueryParameters().containsKey("uploads") ? "?uploads" : "")
                        + request.firstMatchingHeader("x-amz-checksum-sha256").map(v -> " sha256=" + v).orElse("")
                        + request.firstMatchingHeader("x-amz-checksum-algorithm").map(v -> " algorithm=" + v)
                                .orElse(""));
            }
        };
        byte[] big = new byte[2 * PART + 99];
        new Random(11).nextBytes(big);
        try (S3Client recorded = CephTestResource.client(recorder)) {
            S3Archive archive = new S3Archive(recorded, bucket, "", PART, ObjectLockMode.COMPLIANCE, true);
            Instant until = Instant.now().plusSeconds(3600);
            archive.write(null, Installation.HKSCC, "a", DAY, "S.txt", stream("small"), NO_LIMIT, 5, until);
            archive.write(null, Installation.HKSCC, "a", DAY, "B.bin", new ByteArrayInputStream(big), NO_LIMIT,
                    big.length, until);
        }

        String folder = "/" + bucket + "/HKSCC/a/2025-06-20/";
        assertThat(sent).contains("PUT " + folder + "S.txt sha256=" + sha256("small".getBytes(StandardCharsets.UTF_8)))
                .contains("POST " + folder + "B.bin?uploads algorithm=SHA256")
                .contains("PUT " + folder + "B.bin sha256=" + sha256(Arrays.copyOfRange(big, 0, PART)))
                .contains("PUT " + folder + "B.bin sha256=" + sha256(Arrays.copyOfRange(big, PART, 2 * PART)))
                .contains("PUT " + folder + "B.bin sha256=" + sha256(Arrays.copyOfRange(big, 2 * PART, big.length)));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private ListObjectVersionsResponse versions(String prefix) {
        return s3.listObjectVersions(b -> b.bucket(bucket).prefix(prefix));
    }

    private String key(ArchivedFile file) {
        return file.location().getPath().substring(1);
    }

    private static InputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }
    private static List<ReportArrived> arrivals(EventCollector events) {
        return events.events(ReportArrived.class).stream().filter(a -> a.businessDate().equals(FETCHED_DAY))
                .toList();
    }
}
