package io.raprelay.catalog.retention;

/** A removal asked for before a copy's retention ended, or while its report is under a legal hold: nothing removed. */
public class RetentionRefusedException extends RuntimeException {

    public RetentionRefusedException(String message) {
        super(message);
    }
}
