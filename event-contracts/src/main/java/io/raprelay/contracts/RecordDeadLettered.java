package io.raprelay.contracts;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A consumer gave up on a record and moved it to its dead-letter topic (malformed, against its schema, or refused by
 * the consumer's store after bounded attempts). Published by that consumer on {@link Topics#DEAD_LETTER_ALERTS} once
 * the dead letter is acknowledged; operations are alerted (critical) and replay it after a fix. The id is derived from
 * service, topic, partition and offset, so dead-lettering the same record twice raises one alert.
 *
 * @param service
 *            the consumer service that dead-lettered it ({@code catalog}, {@code notifier})
 * @param recordKey
 *            the record's key, cut to 512 characters; null when it had none
 * @param cloudEventType
 *            its {@code ce_type} header, cut to 128 characters; null when absent
 */
public record RecordDeadLettered(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull @Pattern(regexp = "[a-z-]{1,32}") String service,
        @NotBlank @Size(max = 249) String sourceTopic,
        @PositiveOrZero int partition,
        @PositiveOrZero long offset,
        @NotBlank @Size(max = 249) String deadLetterTopic,
        @Size(max = 512) String recordKey,
        @Size(max = 128) String cloudEventType,
        @NotBlank @Size(max = 2000) String reason) implements RapEvent {

    @Override
    public String kafkaKey() {
        return service;
    }
}
