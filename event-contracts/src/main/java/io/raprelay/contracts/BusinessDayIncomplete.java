package io.raprelay.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A business day's cut-off passed with expected reports of a clearing house and participant still missing. Published
 * by the catalog on {@link Topics#BUSINESS_DAYS} once per clearing house, participant and business date; if the
 * missing reports arrive later, {@link BusinessDayComplete} follows.
 *
 * @param participant
 *            as in {@link BusinessDayComplete}
 * @param cutOff
 *            the day's cut-off: the latest deadline of its expected reports
 * @param missing
 *            what had not arrived at the cut-off
 * @param received
 *            what had, each report at its latest version (may be empty)
 */
public record BusinessDayIncomplete(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull ClearingHouse clearingHouse,
        @Size(max = 32) String participant,
        @NotNull LocalDate businessDate,
        @Positive int scheduleVersion,
        @NotNull Instant cutOff,
        @NotEmpty @Size(max = 10_000) List<@Valid @NotNull Missing> missing,
        @NotNull @Size(max = 10_000) List<@Valid @NotNull BusinessDayReport> received) implements RapEvent {

    /**
     * An expected report not received.
     *
     * @param run
     *            for a report produced several times a day, the run ({@code HHmm}); null otherwise
     * @param missingParts
     *            of a run, the zips not received ({@code CTL}, {@code DAT}); empty otherwise
     */
    public record Missing(
            @NotNull SourceSystem sourceSystem,
            @NotNull @Pattern(regexp = Patterns.REPORT_CODE) String reportCode,
            @Pattern(regexp = Patterns.RUN) String run,
            @NotNull Instant deadline,
            @NotNull @Size(max = 2) List<@NotNull @Pattern(regexp = "CTL|DAT") String> missingParts) {
    }

    @Override
    public String kafkaKey() {
        return BusinessDayReport.dayKey(clearingHouse, participant, businessDate);
    }
}
