package io.raprelay.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A practice session as an operator configured it, whole: created, edited, postponed or withdrawn. Published by the
 * notifier on {@link Topics#PRACTICE_SCHEDULE}, a compacted topic keyed by session id, so its latest record per session
 * is the session as it stands. The fetcher reads the topic from its start to know which files are practice downloads.
 *
 * @param revision
 *            grows by one with every change of the session; a consumer keeps the highest it has seen
 * @param parts
 *            each part's window (absolute instants) and the data centre it runs on
 * @param withdrawn
 *            true when an operator cancelled the session: its windows no longer mark anything as practice
 * @param changedBy
 *            the authenticated subject who made this revision; "system" when republished at start
 * @param reason
 *            why the operator made the change, if given
 */
public record PracticeSessionConfigured(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 64) String sessionId,
        @NotNull LocalDate sessionDate,
        @Positive @Max(Integer.MAX_VALUE) int revision,
        @NotEmpty @Size(max = 8) List<@Valid @NotNull Part> parts,
        boolean withdrawn,
        @NotBlank @Size(max = 255) String changedBy,
        @Size(max = 2000) String reason) implements RapEvent {

    /** One part of the session: a window on one data centre. */
    public record Part(
            @NotBlank @Size(max = 200) String name,
            @NotNull Instant startsAt,
            @NotNull Instant endsAt,
            @NotNull DataCentre dataCentre) {
    }

    @Override
    public String kafkaKey() {
        return sessionId;
    }
}
