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
 * An account that was in an outage ({@link FetchFailed} published) was polled successfully again. Published once per
 * outage on {@link Topics#FETCH_EVENTS}, with the same key as its failures, so it follows them on the partition.
 *
 * @param host
 *            the host that answered
 * @param outageSince
 *            the first failed poll of the outage
 * @param failedPolls
 *            failed polls in the outage
 * @param failureEventIds
 *            the outage's {@link FetchFailed} events (the latest 100)
 */
public record FetchRecovered(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull Installation installation,
        @NotBlank @Size(max = 64) String account,
        @NotNull DataCentre dataCentre,
        @NotBlank @Size(max = 255) String host,
        @NotNull Instant outageSince,
        @Positive int failedPolls,
        @NotEmpty @Size(max = 100) List<@NotNull @Pattern(regexp = Patterns.EVENT_ID) String> failureEventIds)
        implements
            RapEvent {

    public FetchRecovered {
        failureEventIds = failureEventIds == null ? null : List.copyOf(failureEventIds);
    }

    @Override
    public String kafkaKey() {
        return installation.name();
    }
}
