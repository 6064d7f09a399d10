package io.raprelay.contracts;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A notification reached its final state: sent to a contact on one channel, or given up. Published by the notifier on
 * {@link Topics#NOTIFICATIONS}, keyed by the event it told about, once per notification (at least once: the event id
 * is stable). The address is masked: who was told is named, not their full address.
 *
 * @param sourceEventId
 *            the event the notification told about (a practice notice: {@code practice:{session}:{kind}:{millis}})
 * @param practiceSessionId
 *            for a practice-session notice, the session
 * @param address
 *            the e-mail address or mobile number, masked ({@code k***@drill.example}, {@code +852****0008})
 */
public record NotificationDelivered(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @Positive @Max(Patterns.MAX_SIZE) long notificationId,
        @NotBlank @Size(max = 256) String sourceEventId,
        @NotBlank @Size(max = 128) String sourceEventType,
        @Size(max = 64) String practiceSessionId,
        @Positive @Max(Patterns.MAX_SIZE) long contactId,
        @NotBlank @Size(max = 200) String contactName,
        @NotNull Channel channel,
        @NotBlank @Size(max = 320) String address,
        @NotBlank @Size(max = 16) String severity,
        @NotBlank @Size(max = 1000) String subject,
        @NotNull Outcome outcome,
        @Positive @Max(1000) int attempts) implements RapEvent {

    /** How the notification went out. */
    public enum Channel {
        EMAIL, SMS
    }

    /** Its final state. */
    public enum Outcome {
        /** The provider accepted it. */
        SENT,
        /** Given up after its attempts (the other channel was tried too, or is in use). */
        FAILED
    }

    @Override
    public String kafkaKey() {
        return sourceEventId;
    }
}
