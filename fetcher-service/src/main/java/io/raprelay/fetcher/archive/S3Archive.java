package io.raprelay.fetcher.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.raprelay.contracts.ArchiveLayout;
import io.raprelay.contracts.Installation;
import io.raprelay.fetcher.archive.ReportArchive.ArchiveWriteException;
import io.raprelay.fetcher.archive.ReportArchive.ChangedWhileReadingException;
import io.raprelay.fetcher.archive.ReportArchive.OversizeException;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The report archive in an S3 bucket, keyed as {@link ArchiveLayout} lays out the file system's:
 * {@code {prefix}{installation}/{account}/{businessDate}/{fileName}}, practice downloads under
 * {@code {prefix}practice/{sessionId}/}, a re-issue with other content as {@code {fileName}@{sha256 prefix}}.
 * <p>
 * One pass over the stream: it is read a part at a time (the part size), each part hashed for the report's SHA-256
 * (and, with {@code sha256Checksums}, its own). A report no larger than one part is one {@code PutObject} carrying its
 * SHA-256 as metadata ({@code x-amz-meta-sha256}) and, with {@code sha256Checksums}, as the object's checksum, which S3
 * verifies before storing it; a larger one is a multipart upload, each part then carrying its SHA-256 (S3 keeps their
 * composite as the object's checksum), completed only after the whole stream was read, within the limit and as long
 * as listed, and aborted otherwise: an object exists whole or not at all. A crash leaves at most an unfinished
 * multipart upload or a
 * staging object, which {@link #removeLeftovers()} removes at the next start.
 * <p>
 * Writes of one key are serialized in this process (the archive belongs to one fetcher): the first version of a name
 * streams straight to its key; a later one streams to {@code {prefix}.staging/} and, once its checksum is known, is
 * either the same content (nothing to keep) or copied to its version name. Copies are single requests, up to S3's
 * 5 GiB, above the fetcher's largest report (4 GB by default). A failure of S3 (unreachable, refused, a server error)
 * is an {@link ArchiveWriteException}; one of the incoming stream is not.
 * <p>
 * With Object Lock (a mode given), every report version is written locked in that mode until its retention ends:
 * the {@code PutObject}, the multipart upload or the copy to a version name carries the mode and the retain-until
 * date, so no version exists unlocked for a moment. Staging objects are written unlocked and, the bucket being
 * versioned, deleted by their version (a plain delete would leave their bytes behind a delete marker).
 */
public final class S3Archive implements Archive {

    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    private static final String STAGING = ".staging/";
    private static final String SHA256_METADATA = "sha256";
    private static final int READ_CHUNK = 256 * 1024;
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int partSize;
    private final ObjectLockMode lockMode;
    private final boolean sha256Checksums;
    private final Map<String, KeyLock> writing = new HashMap<>();

    /**
     * @param prefix
     *            the keys' common beginning, empty or ending in {@code /}
     * @param partSize
     *            bytes per part of a multipart upload, and the largest report sent as one request (at least 5 MiB)
     */
    public S3Archive(S3Client s3, String bucket, String prefix, int partSize) {
        this(s3, bucket, prefix, partSize, null, false);
    }

    /**
     * @param lockMode
     *            the Object Lock mode every report version is written with, or null for none
     * @param sha256Checksums
     *            whether each report's SHA-256 is sent as its S3 checksum ({@code x-amz-checksum-sha256}; per part of
     *            a multipart upload, S3 keeping their composite), which S3 verifies before it stores the object
     */
    public S3Archive(S3Client s3, String bucket, String prefix, int partSize, ObjectLockMode lockMode,
            boolean sha256Checksums) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 parts are at least 5 MiB: " + partSize);
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("The key prefix must end in '/': " + prefix);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.partSize = partSize;
        this.lockMode = lockMode;
        this.sha256Checksums = sha256Checksums;
    }

    /**
     * Refuses to go on when writes are to be locked but the bucket has no Object Lock: S3 would refuse every write,
     * or, worse, a store that ignores the lock would keep nothing locked.
     */
    public void requireObjectLock() throws ArchiveWriteException {
        if (lockMode == null) {
            return;
        }
        ObjectLockConfiguration lock;
        try {
            lock = s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration();
        } catch (S3Exception e) {
            lock = null; // S3 answers ObjectLockConfigurationNotFoundError (404) for a bucket without
            if (e.statusCode() != 404 && e.statusCode() != 400) {
                throw new ArchiveWriteException(describe(e), e);
            }
        } catch (SdkException e) {
            throw new ArchiveWriteException(describe(e), e);
        }
        if (lock == null || lock.objectLockEnabled() != ObjectLockEnabled.ENABLED) {
            throw new ArchiveWriteException("the bucket " + bucket + " has no Object Lock enabled, but reports are "
                    + "to be written locked (" + lockMode + "): create it with Object Lock, or set "
                    + "fetcher.s3.object-lock=none", null);
        }
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public ArchivedFile write(String practiceSessionId, Installation installation, String account,
            LocalDate businessDate, String fileName, InputStream content, long limit, long expectedSize,
            Instant retainUntil) throws IOException {
        FileNameGuard.requireSafe(practiceSessionId, account, fileName);
        Lock locked = lockMode == null ? Lock.NONE : new Lock(lockMode, retainUntil);
        String folder = prefix + ArchiveLayout.folder(practiceSessionId, installation, account, businessDate)
                .toString().replace('\\', '/') + "/";
        String plain = folder + fileName;
        KeyLock lock = lock(plain);
        try {
            if (head(plain) == null) {
                Uploaded uploaded = upload(plain, content, limit, expectedSize, locked);
                return new ArchivedFile(uri(plain), uploaded.size(), uploaded.sha256());
            }
            String staging = prefix + STAGING + UUID.randomUUID() + ".part";
            Uploaded uploaded = upload(staging, content, limit, expectedSize, Lock.NONE);
            try {
                String target = plain;
                if (!sameContent(plain, uploaded)) {
                    target = folder + ArchiveLayout.versionName(fileName, uploaded.sha256());
                    if (!sameContent(target, uploaded)) {
                        String destination = target;
                        String copied = onS3(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(staging)
                                .sourceVersionId(uploaded.versionId()).destinationBucket(bucket)
                                .destinationKey(destination).checksumAlgorithm(checksumAlgorithm())
                                .objectLockMode(locked.mode())
                                .objectLockRetainUntilDate(locked.until())).versionId());
                        retainAgain(destination, copied, locked);
                        return new ArchivedFile(uri(target), uploaded.size(), uploaded.sha256());
                    }
                }
                requireLocked(target, locked); // the same content again: perhaps a write cut off before its lock
                return new ArchivedFile(uri(target), uploaded.size(), uploaded.sha256());
            } finally {
                onS3(() -> s3.deleteObject(b -> b.bucket(bucket).key(staging).versionId(uploaded.versionId())));
            }
        } catch (ArchiveWriteException e) {
            throw explained(e);
        } finally {
            unlock(plain, lock);
        }
    }

    /**
     * A store may refuse an upload before reading its body (a bucket that does not exist); the JDK's HTTP client then
     * fails writing the body, and S3's answer is lost with the connection ("Error writing request body to server").
     * A listing of the bucket, which sends no body, asks again: its 404 names the cause.
     */
    private ArchiveWriteException explained(ArchiveWriteException failure) {
        if (!(failure.getCause() instanceof SdkClientException)) {
            return failure; // S3 answered (its answer is in the failure), or the failure was not a request's
        }
        try {
            s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(1));
        } catch (S3Exception refused) {
            if (refused.statusCode() == 404) {
                return new ArchiveWriteException(describe(refused) + "; " + failure.getMessage(), failure);
            }
        } catch (SdkException unreachable) {
            // the store cannot be reached: the failure says so already
        }
        return failure;
    }

    /** Aborts the multipart uploads under the prefix and deletes staging objects: a crash's leftovers. */
    @Override
    public int removeLeftovers() throws IOException {
        List<MultipartUpload> uploads = new ArrayList<>();
        onS3(() -> {
            s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads().forEach(uploads::add);
            return null;
        });
        for (MultipartUpload upload : uploads) {
            onS3(() -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId())));
        }
        List<ObjectIdentifier> staged = new ArrayList<>();
        onS3(() -> {
            if (lockMode == null) {
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + STAGING)).contents()
                        .forEach(o -> staged.add(ObjectIdentifier.builder().key(o.key()).build()));
            } else { // versioned: every version and delete marker left under staging
                s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix + STAGING)).forEach(page -> {
                    page.versions().forEach(v -> staged.add(identifier(v.key(), v.versionId())));
                    page.deleteMarkers().forEach(m -> staged.add(identifier(m.key(), m.versionId())));
                });
            }
            return null;
        });
        for (ObjectIdentifier object : staged) {
            onS3(() -> s3.deleteObject(b -> b.bucket(bucket).key(object.key()).versionId(object.versionId())));
        }
        return uploads.size() + staged.size();
    }

    private static ObjectIdentifier identifier(String key, String versionId) {
        return ObjectIdentifier.builder().key(key).versionId(versionId).build();
    }

    private Uploaded upload(String key, InputStream content, long limit, long expectedSize, Lock lock)
            throws IOException {
        PushbackInputStream in = new PushbackInputStream(content, 1);
        MessageDigest whole = sha256();
        // Small reports (most) need no buffer of a whole part: start at the listed size, grow up to the part size.
        byte[] part = new byte[(int) Math.min(partSize, Math.max(READ_CHUNK, expectedSize + 1))];
        int n = fill(in, part, 0);
        while (n == part.length && part.length < partSize && !atEnd(in)) {
            part = Arrays.copyOf(part, (int) Math.min(partSize, 2L * part.length));
            n = fill(in, part, n);
        }
        long size = n;
        checkLimit(size, limit);
        whole.update(part, 0, n);
        if (n < partSize || atEnd(in)) {
            checkSize(size, expectedSize);
            byte[] digest = whole.digest();
            int length = n;
            byte[] body = part;
            String versionId = onS3(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentLength((long) length)
                    .metadata(Map.of(SHA256_METADATA, HEX.formatHex(digest)))
                    .checksumSHA256(sha256Checksums ? BASE64.encodeToString(digest) : null).objectLockMode(lock.mode())
                    .objectLockRetainUntilDate(lock.until()),
                    RequestBody.fromInputStream(new ByteArrayInputStream(body, 0, length), length)).versionId());
            return new Uploaded(size, HEX.formatHex(digest), versionId);
        }
        String uploadId = onS3(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .checksumAlgorithm(checksumAlgorithm()).objectLockMode(lock.mode())
                .objectLockRetainUntilDate(lock.until())).uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            while (n > 0) {
                parts.add(uploadPart(key, uploadId, parts.size() + 1, part, n));
                n = fill(in, part, 0);
                size += n;
                checkLimit(size, limit);
                whole.update(part, 0, n);
            }
            checkSize(size, expectedSize);
            String versionId = onS3(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))).versionId());
            retainAgain(key, versionId, lock);
            return new Uploaded(size, HEX.formatHex(whole.digest()), versionId);
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException abortFailed) {
                e.addSuppressed(abortFailed); // removeLeftovers aborts it at the next start
            }
            throw e;
        }
    }

    /**
     * Sets a version's lock once more where the request that made it carried one: Ceph 16 keeps the lock of a
     * {@code PutObject} but ignores that of a multipart upload or a copy (S3 and MinIO keep all three).
     */
    private void retainAgain(String key, String versionId, Lock lock) throws ArchiveWriteException {
        if (lock.mode() != null) {
            onS3(() -> s3.putObjectRetention(b -> b.bucket(bucket).key(key).versionId(versionId)
                    .retention(r -> r.mode(lock.mode().toString()).retainUntilDate(lock.until()))));
        }
    }

    /** Locks the current version of {@code key} if it carries no lock yet (and writes are locked). */
    private void requireLocked(String key, Lock lock) throws ArchiveWriteException {
        if (lock.mode() == null) {
            return;
        }
        try {
            if (s3.getObjectRetention(b -> b.bucket(bucket).key(key)).retention() != null) {
                return;
            }
        } catch (S3Exception e) {
            if (e.statusCode() != 404 && e.statusCode() != 400) {
                throw new ArchiveWriteException(describe(e), e);
            }
        } catch (SdkException e) {
            throw new ArchiveWriteException(describe(e), e);
        }
        retainAgain(key, null, lock);
    }

    private CompletedPart uploadPart(String key, String uploadId, int number, byte[] part, int length)
            throws ArchiveWriteException {
        String checksum = null;
        if (sha256Checksums) {
            MessageDigest digest = sha256();
            digest.update(part, 0, length);
            checksum = BASE64.encodeToString(digest.digest());
        }
        String partChecksum = checksum;
        String eTag = onS3(() -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                .contentLength((long) length).checksumSHA256(partChecksum),
                RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length)).eTag());
        return CompletedPart.builder().partNumber(number).eTag(eTag).checksumSHA256(partChecksum).build();
    }

    private ChecksumAlgorithm checksumAlgorithm() {
        return sha256Checksums ? ChecksumAlgorithm.SHA256 : null;
    }

    /** Reads from {@code filled} on until the buffer is full or the stream ends; returns how much the buffer holds. */
    private static int fill(InputStream in, byte[] buffer, int filled) throws IOException {
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, Math.min(READ_CHUNK, buffer.length - filled));
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    private static boolean atEnd(PushbackInputStream in) throws IOException {
        int next = in.read();
        if (next < 0) {
            return true;
        }
        in.unread(next);
        return false;
    }

    private static void checkLimit(long size, long limit) throws OversizeException {
        if (size > limit) {
            throw new OversizeException(size, limit);
        }
    }

    private static void checkSize(long size, long expectedSize) throws ChangedWhileReadingException {
        if (expectedSize >= 0 && size != expectedSize) {
            throw new ChangedWhileReadingException(expectedSize, size);
        }
    }

    /** Whether the object at {@code key} holds exactly this content: its size, then its SHA-256 read back. */
    private boolean sameContent(String key, Uploaded uploaded) throws IOException {
        HeadObjectResponse head = head(key);
        if (head == null || head.contentLength() != uploaded.size()) {
            return false;
        }
        MessageDigest digest = sha256();
        try (InputStream in = onS3(() -> s3.getObject(b -> b.bucket(bucket).key(key),
                ResponseTransformer.toInputStream()))) {
            byte[] buffer = new byte[READ_CHUNK];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        } catch (ArchiveWriteException e) {
            throw e;
        } catch (IOException e) {
            throw new ArchiveWriteException(e);
        }
        return HEX.formatHex(digest.digest()).equals(uploaded.sha256());
    }

    private HeadObjectResponse head(String key) throws ArchiveWriteException {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw new ArchiveWriteException(describe(e), e);
        } catch (SdkException e) {
            throw new ArchiveWriteException(describe(e), e);
        }
    }

    private URI uri(String key) {
        try {
            return new URI("s3", bucket, "/" + key, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A call to S3: its failures become {@link ArchiveWriteException}. */
    private static <T> T onS3(Supplier<T> call) throws ArchiveWriteException {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new ArchiveWriteException(describe(e), e);
        }
    }

    private static String describe(SdkException e) {
        if (e instanceof S3Exception refused && refused.awsErrorDetails() != null) {
            return "S3 answered " + refused.statusCode() + " " + refused.awsErrorDetails().errorCode() + " ("
                    + refused.awsErrorDetails().errorMessage() + ")";
        }
        return e.getMessage();
    }

    private KeyLock lock(String key) {
        KeyLock lock;
        synchronized (writing) {
            lock = writing.computeIfAbsent(key, k -> new KeyLock());
            lock.users++;
        }
        lock.lock();
        return lock;
    }

    private void unlock(String key, KeyLock lock) {
        lock.unlock();
        synchronized (writing) {
            if (--lock.users == 0) {
                writing.remove(key);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What was written; {@code versionId} null where the bucket keeps no versions. */
    private record Uploaded(long size, String sha256, String versionId) {
    }

    /** The Object Lock a write carries: none (both null), or a mode until a moment. */
    private record Lock(ObjectLockMode mode, Instant until) {

        static final Lock NONE = new Lock(null, null);
    }

    /** A lock per key being written, dropped when its last user is done. */
    private static final class KeyLock extends ReentrantLock {

        private int users; // guarded by the map of locks
    }
}
