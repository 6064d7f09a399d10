package io.raprelay.contracts;

import java.util.List;

/** A payload that is not a valid event: not JSON, against its schema, or against the record's constraints. */
public class InvalidEventException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidEventException(String eventType, List<String> problems) {
        super("Invalid " + eventType + " event: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each naming the field (as a JSON path such as {@code $.sha256}) where known. */
    public List<String> problems() {
        return problems;
    }
}
