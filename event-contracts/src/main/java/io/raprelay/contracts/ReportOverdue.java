package io.raprelay.contracts;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An expected report's deadline passed without it. Published once per report and business date by the catalog on
 * {@link Topics#REPORT_OVERDUE}.
 *
 * @param deadline
 *            the deadline that passed, from the expected-report schedule
 * @param scheduleVersion
 *            the version of the schedule that expected it
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
        @Positive int scheduleVersion) implements RapEvent {

    @Override
    public String kafkaKey() {
        return reportCode + "/" + businessDate;
    }
}
