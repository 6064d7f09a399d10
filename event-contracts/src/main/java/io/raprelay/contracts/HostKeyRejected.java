package io.raprelay.contracts;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A RAP host presented a key that is not the pinned one (changed) or that no pin exists for (unknown); nothing was
 * fetched from it. Published on {@link Topics#FETCH_EVENTS}.
 *
 * @param expectedFingerprint
 *            the pinned key's SHA256 fingerprint; absent when the host had no pin
 * @param presentedFingerprint
 *            the SHA256 fingerprint of the key the host presented
 */
public record HostKeyRejected(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull Installation installation,
        @NotNull DataCentre dataCentre,
        @NotBlank @Size(max = 255) String host,
        @Size(max = 128) String expectedFingerprint,
        @NotBlank @Size(max = 128) String presentedFingerprint,
        @NotBlank @Size(max = 2000) String detail) implements RapEvent {

    @Override
    public String kafkaKey() {
        return installation.name();
    }
}
