package io.raprelay.catalog.archive;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Copies in the fetcher's S3 bucket, keyed {@code {prefix}{folder}/{name}} as the fetcher's {@code S3Archive} writes
 * them. An identity whose folder or name would not be one plain path segment each ({@code ..}, {@code /}) is refused
 * without a request: an S3 key is only a string, but some servers map keys onto files.
 */
public final class S3ArchiveCopies implements ArchiveCopies {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;

    public S3ArchiveCopies(S3Client s3, S3Presigner presigner, String bucket, String prefix) {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("The key prefix must end in '/': " + prefix);
        }
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = prefix;
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
                    s3.deleteObject(b -> b.bucket(bucket).key(key));
                } catch (SdkException e) {
                    throw new IOException("Cannot delete " + uri(key) + ": " + e.getMessage(), e);
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

    private String uri(String key) {
        try {
            return new URI("s3", bucket, "/" + key, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
