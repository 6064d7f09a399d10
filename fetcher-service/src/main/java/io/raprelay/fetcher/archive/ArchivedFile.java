package io.raprelay.fetcher.archive;

import java.net.URI;

/**
 * A report version made durable in the archive, with what was computed while writing it: a {@code file:} URI, or
 * {@code s3://bucket/key}.
 */
public record ArchivedFile(URI location, long size, String sha256) {
}
