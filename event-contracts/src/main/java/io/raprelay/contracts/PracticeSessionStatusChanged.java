package io.raprelay.contracts;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The notifier decided a practice session's status under the circular's severe-weather rules. Published on
 * {@link Topics#PRACTICE_SESSIONS}; keyed by session id.
 *
 * @param effectiveAt
 *            when the status takes effect (a termination: warning issue time + 15 minutes)
 * @param rule
 *            the rule applied, e.g. {@code RULE_1_CANCEL}, {@code RULE_2_TERMINATE}, {@code RULE_3_CONTINUE}
 * @param warningCode
 *            the HKO or Government warning code behind the decision (TC8NE, WRAINB, EXTREME), if any
 * @param explanation
 *            a sentence an operator can read: the warning, its times and the rule
 * @param provisional
 *            true when the weather behind it was not certain (the HKO feed was down, or a warning's end was not
 *            seen): a later event confirms the status or changes it; absent in events from before it existed
 */
public record PracticeSessionStatusChanged(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 64) String sessionId,
        @NotNull LocalDate sessionDate,
        @NotNull PracticeSessionStatus status,
        @NotNull PracticeSessionStatus previousStatus,
        @NotNull Instant effectiveAt,
        @Size(max = 64) String rule,
        @Size(max = 32) String warningCode,
        Instant warningIssuedAt,
        @NotBlank @Size(max = 2000) String explanation,
        Boolean provisional) implements RapEvent {

    /** A status change decided on certain weather. */
    public PracticeSessionStatusChanged(String eventId, Instant occurredAt, String sessionId, LocalDate sessionDate,
            PracticeSessionStatus status, PracticeSessionStatus previousStatus, Instant effectiveAt, String rule,
            String warningCode, Instant warningIssuedAt, String explanation) {
        this(eventId, occurredAt, sessionId, sessionDate, status, previousStatus, effectiveAt, rule, warningCode,
                warningIssuedAt, explanation, false);
    }

    @Override
    public String kafkaKey() {
        return sessionId;
    }
}
