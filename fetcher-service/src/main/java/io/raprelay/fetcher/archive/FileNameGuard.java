package io.raprelay.fetcher.archive;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.raprelay.contracts.ArchiveLayout;
import io.raprelay.contracts.RejectionReason;

/**
 * Decides whether a name listed by RAP is safe to use as an archive file name. A server is untrusted input: a name
 * may try to climb out of the archive, inject control characters into logs and terminals, or be longer than any file
 * system allows.
 */
public final class FileNameGuard {

    /** Longest file name (in UTF-8 bytes) the archive accepts, as on common file systems. */
    public static final int MAX_NAME_BYTES = ArchiveLayout.MAX_NAME_BYTES;

    private FileNameGuard() {
    }

    /** Why the listed name must be refused, or empty when it is safe. */
    public static Optional<RejectionReason> check(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(RejectionReason.PATH_TRAVERSAL);
        }
        if (name.indexOf('\uFFFD') >= 0) {
            // The SFTP client decodes names as UTF-8 and substitutes U+FFFD for bytes that are not.
            return Optional.of(RejectionReason.INVALID_ENCODING);
        }
        if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            return Optional.of(RejectionReason.PATH_TRAVERSAL);
        }
        if (name.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            return Optional.of(RejectionReason.CONTROL_CHARACTERS);
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return Optional.of(RejectionReason.NAME_TOO_LONG);
        }
        return Optional.empty();
    }

    /**
     * Refuses, before anything is written, an archive write whose names would not each be one safe path segment: the
     * report's file name, its account and its practice session (null for production).
     */
    static void requireSafe(String practiceSessionId, String account, String fileName) {
        if (check(fileName).isPresent() || check(account).isPresent()
                || practiceSessionId != null && check(practiceSessionId).isPresent()) {
            throw new IllegalArgumentException("Unsafe name " + printable(fileName));
        }
    }

    /** A printable, bounded form of an untrusted name for events and logs: control characters escaped as \\uXXXX. */
    public static String printable(String name) {
        StringBuilder out = new StringBuilder();
        String value = name == null ? "" : name;
        for (int i = 0; i < value.length() && out.length() < 1024; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > 1024) {
            out.append("...(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
