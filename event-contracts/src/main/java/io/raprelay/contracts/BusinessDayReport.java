package io.raprelay.contracts;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * One report of a business day as the catalog holds it: the latest version's id and checksum, as its
 * {@link ReportArrived} said.
 */
public record BusinessDayReport(
        @NotBlank @Size(max = 512) String reportKey,
        @NotBlank @Size(max = 128) String reportId,
        @NotNull @Pattern(regexp = Patterns.REPORT_CODE) String reportCode,
        @NotBlank @Size(max = 255) String fileName,
        @Positive @Max(Integer.MAX_VALUE) int version,
        @NotNull @Pattern(regexp = Patterns.SHA_256) String sha256) {

    /** The Kafka key of a business day's events: {@code {clearingHouse}/{businessDate}[/{participant}]}. */
    static String dayKey(ClearingHouse clearingHouse, String participant, LocalDate businessDate) {
        return clearingHouse + "/" + businessDate + (participant == null ? "" : "/" + participant);
    }
}
