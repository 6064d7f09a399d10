package io.raprelay.contracts;

/** Why talking to a RAP host failed; drives both failover and the wording of alerts. */
public enum FailureReason {
    /** Connection refused, reset or unreachable. */
    NETWORK,
    /** Connect, read or poll time limit exceeded. */
    TIMEOUT,
    /** The RAP account or its key was refused. */
    AUTHENTICATION,
    /** The host presented a key that is not the pinned one. */
    HOST_KEY,
    /** The account may not read the folder or file. */
    PERMISSION,
    /** The folder or file does not exist. */
    NOT_FOUND,
    /** The fetcher's own archive cannot be written (full, read-only, I/O error): nothing is wrong with RAP. */
    ARCHIVE,
    /** Anything else; the event's detail says what. */
    OTHER
}
