package io.raprelay.catalog.schedule;

import java.time.LocalTime;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.SourceSystem;

/**
 * A report expected every business day: by {@code deadlineTime} (Hong Kong time) on the business day
 * {@code deadlineBusinessDays} after its business date. {@code participant} null: any participant's report counts.
 * {@code onHalfDays} false: not expected on the half-day eves. {@code run}: for a report produced several times a day
 * (RMAMR03), the run's Hong Kong time as {@code HHmm}; the run arrived when both its control and data zips
 * ({@code ..._HHmm_CTL.zip}, {@code ..._HHmm_DAT.zip}) did. Null: the report once a day, any file of it counts.
 */
public record Expectation(
        @NotNull(message = "is required") ClearingHouse clearingHouse,
        @NotNull(message = "is required") SourceSystem sourceSystem,
        @NotNull(message = CODE_RULE) @Pattern(regexp = CODE, message = CODE_RULE) String reportCode,
        @Pattern(regexp = CODE, message = CODE_RULE) String participant,
        @NotNull(message = "is required (HH:mm, Hong Kong time)") LocalTime deadlineTime,
        @Min(value = 0, message = DAYS_RULE) @Max(value = 5, message = DAYS_RULE) int deadlineBusinessDays,
        boolean onHalfDays,
        @Pattern(regexp = RUN, message = "must be the run's Hong Kong time as HHmm (1130, 2100)") String run) {

    static final String CODE = "[A-Za-z0-9_-]{1,32}";
    static final String CODE_RULE = "must match " + CODE;
    static final String DAYS_RULE = "must be between 0 and 5";

    /** A run's time: 0000 to 2359. */
    public static final String RUN = "([01][0-9]|2[0-3])[0-5][0-9]";
    /** The parts a run arrives in, as the file name ends: {@code _HHmm_CTL} and {@code _HHmm_DAT}. */
    static final List<String> RUN_PARTS = List.of("CTL", "DAT");

    boolean matches(ClearingHouse house, String code, String reportParticipant, String fileName) {
        return clearingHouse == house && reportCode.equals(code)
                && (participant == null || participant.equals(reportParticipant))
                && (run == null || runPart(fileName) != null);
    }

    /** The part ({@code CTL} or {@code DAT}) of this expectation's run that a file is, or null. */
    String runPart(String fileName) {
        if (run == null || fileName == null) {
            return null;
        }
        for (String part : RUN_PARTS) {
            if (fileName.contains("_" + run + "_" + part + ".")) {
                return part;
            }
        }
        return null;
    }
}
