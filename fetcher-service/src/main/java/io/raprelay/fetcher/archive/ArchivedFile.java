package io.raprelay.fetcher.archive;

import java.nio.file.Path;

/** A report version made durable in the archive, with what was computed while writing it. */
public record ArchivedFile(Path path, long size, String sha256) {
}
