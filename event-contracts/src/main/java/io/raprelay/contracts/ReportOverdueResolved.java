package io.raprelay.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A report announced as {@link ReportOverdue} arrived after all: published once per overdue notice by the catalog on
 * {@link Topics#REPORT_OVERDUE}, with the same key, so it follows its overdue notice on the same partition.
 *
 * @param overdueEventId
 *            the {@link ReportOverdue} this resolves
 * @param arrivedAt
 *            when it arrived (a run: when its last part did), after {@code deadline}
 * @param reportKeys
 *            the catalog's reports that count as the expected one
 */
public record ReportOverdueResolved(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String overdueEventId,
        @NotNull ClearingHouse clearingHouse,
        @NotNull SourceSystem sourceSystem,
        @NotNull @Pattern(regexp = Patterns.REPORT_CODE) String reportCode,
        @Size(max = 32) String participant,
        @NotNull LocalDate businessDate,
        @NotNull Instant deadline,
        @Positive int scheduleVersion,
        @Pattern(regexp = Patterns.RUN) String run,
        @NotNull Instant arrivedAt,
        @NotEmpty @Size(max = 100) List<@NotNull @Size(min = 1, max = 512) String> reportKeys) implements RapEvent {

    @Override
    public String kafkaKey() {
        return reportCode + "/" + businessDate;
    }
}
