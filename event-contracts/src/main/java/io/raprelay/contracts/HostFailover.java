package io.raprelay.contracts;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A poll moved from one host to its twin in the same data centre, because the first refused, timed out or rejected
 * the login. Published on {@link Topics#FETCH_EVENTS}.
 */
public record HostFailover(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull Installation installation,
        @NotBlank @Size(max = 64) String account,
        @NotNull DataCentre dataCentre,
        @NotBlank @Size(max = 255) String fromHost,
        @NotBlank @Size(max = 255) String toHost,
        @NotNull FailureReason reason,
        @NotBlank @Size(max = 2000) String detail) implements RapEvent {

    @Override
    public String kafkaKey() {
        return installation.name();
    }
}
