package io.raprelay.contracts;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An archived report found altered ({@link ArchiveAltered}) has the SHA-256 recorded at fetch time again: its copy was
 * restored. Published once per restoration by the catalog on {@link Topics#ARCHIVE_ALERTS}, with the same key as the
 * alterations, when a download or an operator's verification finds the copy intact.
 *
 * @param alteredSince
 *            when the first of {@code alteredEventIds} was detected
 * @param alteredEventIds
 *            the {@link ArchiveAltered} events of this version since it was last intact (the latest 100)
 * @param checkedBy
 *            the subject whose download or verification found it intact
 */
public record ArchiveRestored(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 512) String reportKey,
        @NotBlank @Size(max = 128) String reportId,
        @Positive int version,
        @NotBlank @Size(max = 2048) String archiveLocation,
        @NotNull @Pattern(regexp = Patterns.SHA_256) String sha256,
        @NotNull Instant alteredSince,
        @NotEmpty @Size(max = 100) List<@NotNull @Pattern(regexp = Patterns.EVENT_ID) String> alteredEventIds,
        @NotBlank @Size(max = 255) String checkedBy) implements RapEvent {

    public ArchiveRestored {
        alteredEventIds = alteredEventIds == null ? null : List.copyOf(alteredEventIds);
    }

    @Override
    public String kafkaKey() {
        return reportKey;
    }
}
