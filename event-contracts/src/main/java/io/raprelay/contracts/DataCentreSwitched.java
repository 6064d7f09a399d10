package io.raprelay.contracts;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An operator switched an installation's active data centre, or (with {@code reminder} true) a new business day
 * began while the secondary is still active. Published on {@link Topics#FETCH_EVENTS}.
 *
 * @param operator
 *            the authenticated subject who asked for the switch; "system" for reminders
 */
public record DataCentreSwitched(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull Installation installation,
        @NotNull DataCentre from,
        @NotNull DataCentre to,
        @NotBlank @Size(max = 255) String operator,
        @NotBlank @Size(max = 2000) String reason,
        boolean reminder) implements RapEvent {

    @Override
    public String kafkaKey() {
        return installation.name();
    }
}
