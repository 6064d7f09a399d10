package io.raprelay.contracts;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An archived report no longer matches the SHA-256 recorded when it was fetched (or is gone): the archive has been
 * altered. Published by the catalog on {@link Topics#ARCHIVE_ALERTS} when a download detects it; the download is
 * refused.
 *
 * @param actualSha256
 *            the checksum of the file as found; null when the file is missing
 * @param requestedBy
 *            the subject whose download detected it
 */
public record ArchiveAltered(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 512) String reportKey,
        @NotBlank @Size(max = 128) String reportId,
        @Positive int version,
        @NotBlank @Size(max = 2048) String archiveLocation,
        @NotNull @Pattern(regexp = Patterns.SHA_256) String expectedSha256,
        @Pattern(regexp = Patterns.SHA_256) String actualSha256,
        @NotBlank @Size(max = 255) String requestedBy) implements RapEvent {

    @Override
    public String kafkaKey() {
        return reportKey;
    }
}
