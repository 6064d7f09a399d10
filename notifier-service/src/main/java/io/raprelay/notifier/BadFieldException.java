package io.raprelay.notifier;

/** A request field the API cannot accept; answered with 400 problem+json naming the field. */
public class BadFieldException extends RuntimeException {

    private final String field;

    public BadFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
