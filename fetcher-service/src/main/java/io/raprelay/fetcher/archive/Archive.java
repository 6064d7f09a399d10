package io.raprelay.fetcher.archive;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;

import io.raprelay.contracts.Installation;

/**
 * Where report versions are kept: the file system ({@link ReportArchive}) or an S3 bucket ({@link S3Archive}). Both
 * lay reports out as {@link io.raprelay.contracts.ArchiveLayout} says, keep every version of a re-issued report, and
 * make a version durable whole or not at all. A failure of the store itself is an
 * {@link ReportArchive.ArchiveWriteException}; one of the incoming stream is not.
 */
public interface Archive {

    /**
     * Writes one report version. The names must have passed {@link FileNameGuard}.
     *
     * @param practiceSessionId
     *            the practice session the file was fetched in, or null for production: a practice download goes to a
     *            tree of its own, so it never becomes a version of the production report of the same name
     * @param limit
     *            the most bytes accepted; a longer stream fails with {@link ReportArchive.OversizeException} and
     *            leaves nothing
     * @param expectedSize
     *            the size the server listed, or -1: a stream of another length means the file changed while it was
     *            read, fails with {@link ReportArchive.ChangedWhileReadingException} and leaves nothing
     * @param retainUntil
     *            when its retention ends: a store with Object Lock keeps the version at least until then
     */
    ArchivedFile write(String practiceSessionId, Installation installation, String account, LocalDate businessDate,
            String fileName, InputStream content, long limit, long expectedSize, Instant retainUntil)
            throws IOException;

    /**
     * Removes what writes a crash interrupted left behind. Run before any write: the archive belongs to one fetcher.
     *
     * @return how many were removed
     */
    int removeLeftovers() throws IOException;

    /** Where the archive is, for messages: a folder, or {@code s3://bucket/prefix}. */
    String location();
}
