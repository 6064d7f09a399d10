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
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The fetcher logged in and listed (read-only) with every account of an installation on every host of one data
 * centre: the standby pre-check of the secondary on the business day before a practice session and at 09:00 on its
 * day, the login check ten minutes into each part on the part's data centre, or an operator's request. Published on
 * {@link Topics#FETCH_EVENTS}, keyed by installation.
 *
 * @param dataCentre
 *            the data centre checked
 * @param occasion
 *            why the check ran
 * @param practiceSessionId
 *            the practice session it belongs to, if any
 * @param sessionDate
 *            that session's day, if any
 * @param part
 *            for {@link Occasion#IN_PART}, the part's name
 * @param passed
 *            every account logged in and listed on every host
 * @param results
 *            one per host and account
 */
public record LoginCheckCompleted(
        @NotNull @Pattern(regexp = Patterns.EVENT_ID) String eventId,
        @NotNull Instant occurredAt,
        @NotNull Installation installation,
        @NotNull DataCentre dataCentre,
        @NotNull Occasion occasion,
        @Size(max = 64) String practiceSessionId,
        LocalDate sessionDate,
        @Size(max = 200) String part,
        boolean passed,
        @NotEmpty @Size(max = 64) List<@Valid @NotNull HostResult> results) implements RapEvent {

    /** Why the check ran. */
    public enum Occasion {
        /** Standby pre-check: the business day before a practice session, on the secondary. */
        DAY_BEFORE,
        /** Standby pre-check: on a practice session's day (09:00), on the secondary. */
        SESSION_DAY,
        /** Ten minutes into a practice session's part, on the part's data centre. */
        IN_PART,
        /** An operator asked for it. */
        ON_DEMAND
    }

    /**
     * One host and account: logged in (key and host key accepted), listed the account's home folder, how many entries
     * it holds, or what failed.
     */
    public record HostResult(
            @NotBlank @Size(max = 300) String host,
            @NotBlank @Size(max = 64) String account,
            boolean loggedIn,
            boolean listed,
            @PositiveOrZero @Max(Integer.MAX_VALUE) Integer entries,
            @Size(max = 1000) String failure) {
    }

    @Override
    public String kafkaKey() {
        return installation.name();
    }
}
