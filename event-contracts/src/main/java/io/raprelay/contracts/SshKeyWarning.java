package io.raprelay.contracts;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Something about an account's SSH key that operations must act on: it changed around a practice session (the
 * circular: do not renew SSH keys during the practice session), or it nears or passed the expiry date an operator
 * recorded. Published by the fetcher on {@link Topics#FETCH_EVENTS}; keyed by installation.
 *
 * @param fingerprint
 *            the key the account uses now (SHA256:...)
 * @param previousFingerprint
 *            for a change: the key it used before
 * @param expiresOn
 *            the expiry date the operator recorded for the key, if any
 * @param practiceSessionId
 *            for a change: the practice session it falls in (or the day before)
 */
public record SshKeyWarning(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull Installation installation,
        @NotBlank @Size(max = 64) String account,
        @NotNull Kind kind,
        @NotBlank @Size(max = 128) String fingerprint,
        @Size(max = 128) String previousFingerprint,
        LocalDate expiresOn,
        @Size(max = 64) String practiceSessionId,
        @NotBlank @Size(max = 2000) String detail) implements RapEvent {

    /** What is wrong with the key. */
    public enum Kind {
        /** The key changed on a practice session's day or the day before. */
        CHANGED_NEAR_PRACTICE,
        /** The recorded expiry date is near. */
        EXPIRES_SOON,
        /** The recorded expiry date has passed. */
        EXPIRED
    }

    @Override
    public String kafkaKey() {
        return installation.name();
    }
}
