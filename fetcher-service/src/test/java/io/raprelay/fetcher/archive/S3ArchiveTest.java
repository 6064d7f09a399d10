package io.raprelay.fetcher.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.raprelay.contracts.Installation;
import io.raprelay.fetcher.archive.ReportArchive.ArchiveWriteException;
import io.raprelay.fetcher.archive.ReportArchive.ChangedWhileReadingException;
import io.raprelay.fetcher.archive.ReportArchive.OversizeException;
import io.raprelay.testing.net.LoopbackPorts;
import io.raprelay.testing.s3.S3ProxyServer;
import io.raprelay.testing.s3.S3TestResource;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The archive in a bucket of a real S3 protocol server (s3proxy, file-system backend). */
class S3ArchiveTest {

    static final LocalDate DAY = LocalDate.of(2025, 6, 20);
    /** No Object Lock here (s3proxy has none): the retention end is passed and not kept. */
    static final Instant KEPT = Instant.parse("2032-06-20T16:00:00Z");
    static final int PART = S3Archive.MIN_PART_SIZE;
    static final long NO_LIMIT = Long.MAX_VALUE;

    @TempDir
    static Path work;
    static S3ProxyServer server;
    static S3Client s3;

    String bucket;
    S3Archive archive;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start(work);
        s3 = S3TestResource.client(server);
    }

    @AfterAll
    static void stopServer() {
        s3.close();
        server.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = "archive-" + UUID.randomUUID();
        s3.createBucket(b -> b.bucket(bucket));
        archive = new S3Archive(s3, bucket, "rap-relay/", PART);
    }

    @Test
    void aSmallReportIsOneObjectUnderInstallationAccountAndDateWithItsChecksum() throws Exception {
        ArchivedFile file = archive.write(null, Installation.HKSCC, "rapb01234", DAY, "CCLTN05.txt",
                stream("abc"), NO_LIMIT, 3, KEPT);

        String key = "rap-relay/HKSCC/rapb01234/2025-06-20/CCLTN05.txt";
        assertThat(file.location()).isEqualTo(URI.create("s3://" + bucket + "/" + key));
        assertThat(file.size()).isEqualTo(3);
        assertThat(file.sha256()).isEqualTo(sha256("abc".getBytes(StandardCharsets.UTF_8)));
        assertThat(content(key)).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReportOverThePartSizeIsAMultipartUploadWithTheSha256OfTheWhole() throws Exception {
        byte[] report = random(2 * PART + 12345);

        ArchivedFile file = archive.write(null, Installation.HKCC_SEOCH, "rapc00001", DAY, "DTRP001.csv",
                new ByteArrayInputStream(report), NO_LIMIT, report.length, KEPT);

        String key = "rap-relay/HKCC_SEOCH/rapc00001/2025-06-20/DTRP001.csv";
        assertThat(file.sha256()).isEqualTo(sha256(report));
        assertThat(content(key)).isEqualTo(report);
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).eTag()).as("three parts").endsWith("-3\"");
    }

    @Test
    void aReportOfExactlyOnePartIsOneRequest() throws Exception {
        byte[] report = random(PART);

        ArchivedFile file = archive.write(null, Installation.HKSCC, "a", DAY, "R.bin",
                new ByteArrayInputStream(report), NO_LIMIT, -1, KEPT);

        assertThat(content(key(file))).isEqualTo(report);
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key(file))).eTag()).doesNotContain("-");
    }

    @Test
    void theSameContentAgainIsTheSameObjectAndAReissueKeepsTheEarlierVersion() throws Exception {
        ArchivedFile first = archive.write(null, Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), 100, -1, KEPT);
        ArchivedFile again = archive.write(null, Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), 100, -1, KEPT);
        ArchivedFile reissue = archive.write(null, Installation.HKSCC, "a", DAY, "R.txt", stream("v2"), 100, -1, KEPT);
        ArchivedFile reissueAgain = archive.write(null, Installation.HKSCC, "a", DAY, "R.txt", stream("v2"), 100,
                -1, KEPT);

        assertThat(again.location()).isEqualTo(first.location());
        assertThat(reissue.location().getPath()).endsWith("/R.txt@" + reissue.sha256().substring(0, 16));
        assertThat(reissueAgain.location()).isEqualTo(reissue.location());
        assertThat(new String(content(key(first)), StandardCharsets.UTF_8)).isEqualTo("v1");
        assertThat(new String(content(key(reissue)), StandardCharsets.UTF_8)).isEqualTo("v2");
        assertThat(keys()).containsExactlyInAnyOrder(key(first), key(reissue)); // no staging object left
    }

    @Test
    void aPracticeDownloadHasATreeOfItsOwn() throws Exception {
        ArchivedFile file = archive.write("PS-2025-10-04", Installation.HKSCC, "a", DAY, "R.txt", stream("p"), 100,
                -1, KEPT);

        assertThat(key(file)).isEqualTo("rap-relay/practice/PS-2025-10-04/HKSCC/a/2025-06-20/R.txt");
    }

    @Test
    void anOversizeOrChangingStreamLeavesNothingNotEvenAnUnfinishedUpload() {
        byte[] report = random(2 * PART);

        assertThatThrownBy(() -> archive.write(null, Installation.HKSCC, "a", DAY, "Big.bin",
                new ByteArrayInputStream(report), PART + 10, -1, KEPT)).isInstanceOf(OversizeException.class);
        assertThatThrownBy(() -> archive.write(null, Installation.HKSCC, "a", DAY, "Moving.bin",
                new ByteArrayInputStream(report), NO_LIMIT, report.length - 1, KEPT))
                .isInstanceOf(ChangedWhileReadingException.class);
        assertThatThrownBy(() -> archive.write(null, Installation.HKSCC, "a", DAY, "Small.txt", stream("abcd"),
                NO_LIMIT, 3, KEPT)).isInstanceOf(ChangedWhileReadingException.class);

        assertThat(keys()).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void aBrokenIncomingStreamIsNotAnArchiveFailureAndLeavesNothing() {
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(random(PART + 1)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("SFTP channel closed");
            }
        });

        assertThatThrownBy(() -> archive.write(null, Installation.HKSCC, "a", DAY, "R.bin", broken, NO_LIMIT, -1, KEPT))
                .isInstanceOf(IOException.class).isNotInstanceOf(ArchiveWriteException.class)
                .hasMessage("SFTP channel closed");
        assertThat(keys()).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void theLeftoversOfACrashAreRemovedAndArchivedObjectsKept() throws Exception {
        ArchivedFile kept = archive.write(null, Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), 100, -1, KEPT);
        // A fetcher killed mid-upload leaves an unfinished multipart upload, or a staging object of a re-issue.
        s3.createMultipartUpload(b -> b.bucket(bucket).key("rap-relay/HKSCC/a/2025-06-20/S.bin"));
        s3.putObject(b -> b.bucket(bucket).key("rap-relay/.staging/" + UUID.randomUUID() + ".part"),
                RequestBody.fromString("half"));

        assertThat(archive.removeLeftovers()).isEqualTo(2);

        assertThat(keys()).containsExactly(key(kept));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(archive.removeLeftovers()).isZero();
    }

    @Test
    void aStoreThatRefusesOrCannotBeReachedIsAnArchiveFailure() {
        S3Archive missingBucket = new S3Archive(s3, "no-such-bucket", "", PART);
        assertThatThrownBy(() -> missingBucket.write(null, Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), 100,
                -1, KEPT)).isInstanceOf(ArchiveWriteException.class)
                .hasMessageContaining("S3 answered 404 NoSuchBucket");

        try (S3Client nowhere = S3Client.builder().region(Region.US_EAST_1).forcePathStyle(true)
                .endpointOverride(URI.create("http://127.0.0.1:" + LoopbackPorts.reserve()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            S3Archive unreachable = new S3Archive(nowhere, bucket, "", PART);
            assertThatThrownBy(() -> unreachable.write(null, Installation.HKSCC, "a", DAY, "R.txt", stream("v1"),
                    100, -1, KEPT)).isInstanceOf(ArchiveWriteException.class);
        }
    }

    @Test
    void lockedWritesToABucketWithoutObjectLockStopTheStart() {
        S3Archive locked = new S3Archive(s3, bucket, "", PART, ObjectLockMode.COMPLIANCE, false);

        assertThatThrownBy(locked::requireObjectLock).isInstanceOf(ArchiveWriteException.class)
                .hasMessageContaining("has no Object Lock enabled").hasMessageContaining("fetcher.s3.object-lock");
        assertThatCode(archive::requireObjectLock).doesNotThrowAnyException(); // no lock wanted, none checked
    }

    private String key(ArchivedFile file) {
        assertThat(file.location().getScheme()).isEqualTo("s3");
        assertThat(file.location().getHost()).isEqualTo(bucket);
        return file.location().getPath().substring(1);
    }

    private byte[] content(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    private List<String> keys() {
        // s3proxy's file-system backend also lists its folders, as keys ending in '/'
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key)
                .filter(key -> !key.endsWith("/")).toList();
    }

    private static InputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
