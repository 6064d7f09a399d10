package io.raprelay.catalog.archive;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Copies in the fetcher's S3 bucket, keyed {@code {prefix}{folder}/{name}} as the fetcher's {@code S3Archive} writes
 * them. An identity whose folder or name would not be one plain path segment each ({@code ..}, {@code /}) is refused
 * without a request: an S3 key is only a string, but some servers map keys onto files.
 * <p>
 * With Object Lock ({@code objectLock}), the bucket keeps versions: a removal deletes every version of the key (a
 * plain delete would only hide the bytes behind a delete marker), and the store refuses while the fetcher's lock has
 * not ended; a legal hold is set on every version too, so the store itself keeps a held copy.
 */
public final class S3ArchiveCopies implements ArchiveCopies {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final boolean objectLock;

    /**
     * @param objectLock
     *            whether the bucket has Object Lock (and so keeps versions)
     */
    public S3ArchiveCopies(S3Client s3, S3Presigner presigner, String bucket, String prefix, boolean objectLock) {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("The key prefix must end in '/': " + prefix);
        }
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = prefix;
        this.objectLock = objectLock;
    }

    @Override
    public boolean holdsCopies() {
        return objectLock;
    }

    @Override
    public Copy locate(Path folder, List<String> names) throws Refused {
        String key = prefix + folder;
        if (!folder.normalize().equals(folder) || folder.startsWith("..") || folder.isAbsolute()) {
            throw new Refused(uri(key), "its identity names a place outside the archive");
        }
        for (String name : names) {
            Path candidate = folder.resolve(name);
            key = prefix + candidate;
            if (!candidate.normalize().equals(candidate) || !folder.equals(candidate.getParent())) {
                throw new Refused(uri(key), "its identity names a place outside the archive");
            }
            if (exists(key)) {
                return copy(key);
            }
        }
        throw new Refused(uri(key), "the file is missing");
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new ArchiveUnavailableException("The archive " + uri(key) + " answered " + e.statusCode(), e);
        } catch (SdkException e) {
            throw new ArchiveUnavailableException("The archive " + uri(key) + " cannot be reached", e);
        }
    }

    private Copy copy(String key) {
        return new Copy() {
            @Override
            public String place() {
                return uri(key);
            }

            @Override
            public InputStream open() throws IOException {
                try {
                    return s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toInputStream());
                } catch (NoSuchKeyException e) {
                    throw new Missing(uri(key));
                } catch (SdkException e) {
                    throw new IOException("Cannot read " + uri(key) + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void remove() throws IOException {
                try {
                    if (!objectLock) {
                        s3.deleteObject(b -> b.bucket(bucket).key(key));
                        return;
                    }
                    for (String versionId : versions(key, true)) {
                        s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(versionId));
                    }
                } catch (SdkException e) {
                    throw new IOException("Cannot delete " + uri(key) + ": " + describe(e), e);
                }
            }

            @Override
            public void legalHold(boolean on) throws IOException {
                if (!objectLock) {
                    return;
                }
                ObjectLockLegalHoldStatus status = on ? ObjectLockLegalHoldStatus.ON : ObjectLockLegalHoldStatus.OFF;
                try {
                    for (String versionId : versions(key, false)) {
                        s3.putObjectLegalHold(b -> b.bucket(bucket).key(key).versionId(versionId)
                                .legalHold(h -> h.status(status)));
                    }
                } catch (SdkException e) {
                    throw new IOException("Cannot set the legal hold of " + uri(key) + " " + status + ": "
                            + describe(e), e);
                }
            }

            @Override
            public Optional<URI> link(Duration validFor) {
                try {
                    return Optional.of(presigner.presignGetObject(b -> b.signatureDuration(validFor)
                            .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI());
                } catch (URISyntaxException | SdkException e) {
                    throw new ArchiveUnavailableException("Cannot sign a link to " + uri(key), e);
                }
            }
        };
    }

    /** The versions of exactly this key, and its delete markers if asked. */
    private List<String> versions(String key, boolean withDeleteMarkers) {
        List<String> versions = new ArrayList<>();
        s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(key)).forEach(page -> {
            page.versions().stream().filter(v -> v.key().equals(key)).forEach(v -> versions.add(v.versionId()));
            if (withDeleteMarkers) {
                page.deleteMarkers().stream().filter(m -> m.key().equals(key))
                        .forEach(m -> versions.add(m.versionId()));
            }
        });
        return versions;
    }

    private static String describe(SdkException e) {
        if (e instanceof S3Exception refused && refused.awsErrorDetails() != null) {
            return refused.statusCode() + " " + refused.awsErrorDetails().errorCode() + " "
                    + refused.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    private String uri(String key) {
        try {
            return new URI("s3", bucket, "/" + key, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
