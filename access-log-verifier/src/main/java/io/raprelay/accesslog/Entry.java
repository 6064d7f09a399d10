package io.raprelay.accesslog;

import java.time.Instant;

/**
 * One access-log entry as stored: the recorded call, its link to the entry before and its own chain hash.
 *
 * @param keyed
 *            whether {@code hash} is an HMAC under the chain key (every entry since migration V8) or a plain SHA-256
 *            (entries written before)
 */
public record Entry(long id, Instant at, String subject, String roles, String clientAddress, String action,
        String parameters, Integer resultCount, int outcome, String previousHash, String hash, boolean keyed) {

    /** The text the hash covers: every field but the id, the hash itself and the flag, in a fixed order. */
    public String canonical() {
        return canonical(previousHash, at, subject, roles, clientAddress, action, parameters, resultCount, outcome);
    }

    public static String canonical(String previousHash, Instant at, String subject, String roles,
            String clientAddress, String action, String parameters, Integer resultCount, int outcome) {
        return String.join("\n", previousHash, at.toString(), subject, roles, clientAddress, action, parameters,
                String.valueOf(resultCount), String.valueOf(outcome));
    }
}
