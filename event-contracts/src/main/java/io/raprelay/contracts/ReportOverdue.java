package io.raprelay.contracts;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An expected report's deadline passed without it. Published once per report (and run) and business date by the
 * catalog on {@link Topics#REPORT_OVERDUE}.
 *
 * @param deadline
 *            the deadline that passed, from the expected-report schedule
 * @param scheduleVersion
 *            the version of the schedule that expected it
 * @param run
 *            for a report produced several times a day (RMAMR03), the run ({@code HHmm}, Hong Kong time) that is
 *            missing; null for a once-a-day report
 */
public record ReportOverdue(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull ClearingHouse clearingHouse,
        @NotNull SourceSystem sourceSystem,
        @NotNull @Pattern(regexp = Patterns.REPORT_CODE) String reportCode,
        @Size(max = 32) String participant,
        @NotNull LocalDate businessDate,
        @NotNull Instant deadline,
        @Positive int scheduleVersion,
        @Pattern(regexp = Patterns.RUN) String run) implements RapEvent {

    @Override
    public String kafkaKey() {
        return reportCode + "/" + businessDate;
    }
}
