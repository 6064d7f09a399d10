package io.raprelay.catalog.archive;

/**
 * The archive cannot be read now (its bucket unreachable, its server failing, its disk erroring): nothing is known to
 * be wrong with the copy, so it is no {@link ArchiveAlteredException}; the request may be tried again later.
 */
public class ArchiveUnavailableException extends RuntimeException {

    public ArchiveUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
