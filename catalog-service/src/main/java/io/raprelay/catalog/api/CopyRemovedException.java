package io.raprelay.catalog.api;

/** The version's archived copy was removed past its retention: 410, the record stays. */
public class CopyRemovedException extends RuntimeException {

    public CopyRemovedException(String message) {
        super(message);
    }
}
