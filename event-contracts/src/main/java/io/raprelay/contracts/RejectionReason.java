package io.raprelay.contracts;

/** Why a remote file was refused instead of archived. */
public enum RejectionReason {
    /** The name holds {@code ..} segments or path separators and would escape the archive. */
    PATH_TRAVERSAL,
    /** The name holds control characters. */
    CONTROL_CHARACTERS,
    /** The name is longer than 255 bytes. */
    NAME_TOO_LONG,
    /** The name is not valid UTF-8. */
    INVALID_ENCODING,
    /** The file is larger than the configured size limit. */
    OVERSIZE,
    /** The path is longer than a report's path (1,024 characters) or key (512) may be in {@link ReportArrived}. */
    PATH_TOO_LONG,
    /** The report's {@link ReportArrived} would break its JSON Schema: published events always keep the contract. */
    INVALID_EVENT
}
