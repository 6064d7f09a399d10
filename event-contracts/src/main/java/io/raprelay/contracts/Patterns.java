package io.raprelay.contracts;

/** Regular expressions shared by the event records' Bean Validation constraints and the JSON Schemas. */
final class Patterns {

    /** Event ids: UUIDs or other printable ASCII ids, as CloudEvents allows. */
    static final String EVENT_ID = "[A-Za-z0-9._:-]{1,128}";
    /** Lower-case hex SHA-256. */
    static final String SHA_256 = "[0-9a-f]{64}";
    /** Report codes such as CCLTN05 or RMAMR01, or UNKNOWN. */
    static final String REPORT_CODE = "[A-Za-z0-9_-]{1,32}";
    /** A run of a report produced several times a day: its Hong Kong time as HHmm (1130, 2100). */
    static final String RUN = "([01][0-9]|2[0-3])[0-5][0-9]";
    /** Largest size in bytes: the largest integer JSON readers keep exact (2^53 - 1). */
    static final long MAX_SIZE = 9_007_199_254_740_991L;

    private Patterns() {
    }
}
