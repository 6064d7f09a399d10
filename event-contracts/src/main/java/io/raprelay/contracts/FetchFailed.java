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
 * Every host of the active data centre failed for an account. Published on {@link Topics#FETCH_EVENTS} at most once
 * per configured period while the outage lasts.
 *
 * @param hostsTried
 *            the hosts tried on the failing poll, in order
 * @param outageSince
 *            when the first failed poll of this outage happened
 * @param attempts
 *            failed polls since {@code outageSince}
 */
public record FetchFailed(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull Installation installation,
        @NotBlank @Size(max = 64) String account,
        @NotNull DataCentre dataCentre,
        @NotNull FailureReason reason,
        @NotBlank @Size(max = 2000) String detail,
        @NotEmpty @Size(max = 8) List<@NotBlank @Size(max = 255) String> hostsTried,
        @NotNull Instant outageSince,
        @Positive int attempts) implements RapEvent {

    public FetchFailed {
        hostsTried = hostsTried == null ? null : List.copyOf(hostsTried);
    }

    @Override
    public String kafkaKey() {
        return installation.name();
    }
}
