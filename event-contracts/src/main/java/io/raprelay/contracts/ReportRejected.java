package io.raprelay.contracts;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A remote file was refused (hostile name, oversize) and nothing was written. Published on
 * {@link Topics#FETCH_EVENTS}.
 *
 * @param remotePath
 *            the offending path, with control characters and invalid bytes escaped so it is safe to print
 * @param size
 *            the remote size when known
 */
public record ReportRejected(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull Installation installation,
        @NotBlank @Size(max = 64) String account,
        @NotNull DataCentre dataCentre,
        @NotBlank @Size(max = 255) String host,
        @NotBlank @Size(max = 4096) String remotePath,
        @NotNull RejectionReason reason,
        @NotBlank @Size(max = 2000) String detail,
        @PositiveOrZero @Max(Patterns.MAX_SIZE) Long size) implements RapEvent {

    @Override
    public String kafkaKey() {
        return installation.name();
    }
}
