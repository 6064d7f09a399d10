package io.raprelay.catalog.archive;

/** The archive copy of a report does not match its recorded checksum, or is missing; the download is refused. */
public class ArchiveAlteredException extends RuntimeException {

    public ArchiveAlteredException(String message) {
        super(message);
    }
}
