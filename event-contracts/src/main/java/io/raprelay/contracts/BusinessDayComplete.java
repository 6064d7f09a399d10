package io.raprelay.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Every report the catalog's schedule expected of a clearing house and participant for a business date has arrived.
 * Published by the catalog on {@link Topics#BUSINESS_DAYS} once per clearing house, participant and business date;
 * again, as an amendment with the next {@code revision}, when a re-issue or another matching report changes what the
 * day holds.
 *
 * @param participant
 *            the participant the expectations name; null for the expectations that name none (reports common to all
 *            participants, or any participant's)
 * @param scheduleVersion
 *            the version of the schedule that expected the reports
 * @param revision
 *            1 for the first; each amendment the next
 * @param amends
 *            the event id of the revision this one replaces; null for revision 1
 * @param reports
 *            every report that made the day complete, each at its latest version, ordered by report key
 */
public record BusinessDayComplete(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull ClearingHouse clearingHouse,
        @Size(max = 32) String participant,
        @NotNull LocalDate businessDate,
        @Positive int scheduleVersion,
        @Positive @Max(Integer.MAX_VALUE) int revision,
        @Pattern(regexp = Patterns.EVENT_ID) String amends,
        @NotEmpty @Size(max = 10_000) List<@Valid @NotNull BusinessDayReport> reports) implements RapEvent {

    @Override
    public String kafkaKey() {
        return BusinessDayReport.dayKey(clearingHouse, participant, businessDate);
    }
}
