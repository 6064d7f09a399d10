package io.raprelay.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A signed statement of the catalog's access log as it stood: how many entries it had, and the id and chain hash of
 * the last one. Published by the catalog at a fixed interval on {@link Topics#ACCESS_LOG_CHECKPOINTS}, keyed by the
 * signing key's id, and kept in a file outside the database too (one event's JSON per line). A log rewritten, cut or
 * re-chained after a checkpoint no longer matches it; only the holder of the Ed25519 private key can make a new one.
 *
 * @param entries
 *            how many entries the log had, up to and including {@code headId} (0: empty log)
 * @param headId
 *            the id of the last entry (0 when empty)
 * @param headHash
 *            that entry's chain hash (64 zeros when empty)
 * @param keyId
 *            the signing key: the first 16 hex digits of the SHA-256 of its public key (X.509 encoding)
 * @param signature
 *            Ed25519 over {@link #signedText()}, base64
 */
public record AccessLogCheckpointed(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @PositiveOrZero @Max(Patterns.MAX_SIZE) long entries,
        @PositiveOrZero @Max(Patterns.MAX_SIZE) long headId,
        @NotNull @Pattern(regexp = "[0-9a-f]{64}") String headHash,
        @NotNull @Pattern(regexp = "[0-9a-f]{16}") String keyId,
        @NotBlank @Size(max = 200) String signature) implements RapEvent {

    /** The bytes the signature covers: every field but the event id and the signature, in a fixed order. */
    public byte[] signedText() {
        return String.join("\n", "rap-relay access-log checkpoint v1", occurredAt.toString(), String.valueOf(entries),
                String.valueOf(headId), headHash, keyId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String kafkaKey() {
        return keyId;
    }
}
