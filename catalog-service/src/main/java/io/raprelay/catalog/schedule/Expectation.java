package io.raprelay.catalog.schedule;

import java.time.LocalTime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.SourceSystem;

/**
 * A report expected every business day: by {@code deadlineTime} (Hong Kong time) on the business day
 * {@code deadlineBusinessDays} after its business date. {@code participant} null: any participant's report counts.
 * {@code onHalfDays} false: not expected on the half-day eves.
 */
public record Expectation(
        @NotNull ClearingHouse clearingHouse,
        @NotNull SourceSystem sourceSystem,
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String reportCode,
        @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String participant,
        @NotNull LocalTime deadlineTime,
        @Min(0) @Max(5) int deadlineBusinessDays,
        boolean onHalfDays) {

    boolean matches(ClearingHouse house, String code, String reportParticipant) {
        return clearingHouse == house && reportCode.equals(code)
                && (participant == null || participant.equals(reportParticipant));
    }
}
