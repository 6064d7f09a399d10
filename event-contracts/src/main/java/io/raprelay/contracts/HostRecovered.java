package io.raprelay.contracts;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An account that failed over to its twin host ({@link HostFailover} published) was polled successfully on its data
 * centre's host 1 again. Published once per failover someone was told of, on {@link Topics#FETCH_EVENTS}, with the
 * same key as the failover, so it follows it on the partition.
 *
 * @param host
 *            host 1's address, polled successfully again
 * @param failedOverAt
 *            when the account left it (the first of {@code failoverEventIds})
 * @param failoverEventIds
 *            the {@link HostFailover} events since the account left host 1 (the latest 100)
 */
public record HostRecovered(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull Installation installation,
        @NotBlank @Size(max = 64) String account,
        @NotNull DataCentre dataCentre,
        @NotBlank @Size(max = 255) String host,
        @NotNull Instant failedOverAt,
        @NotEmpty @Size(max = 100) List<@NotNull @Pattern(regexp = Patterns.EVENT_ID) String> failoverEventIds)
        implements
            RapEvent {

    public HostRecovered {
        failoverEventIds = failoverEventIds == null ? null : List.copyOf(failoverEventIds);
    }

    @Override
    public String kafkaKey() {
        return installation.name();
    }
}
