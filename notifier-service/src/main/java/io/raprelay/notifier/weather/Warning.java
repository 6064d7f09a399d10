package io.raprelay.notifier.weather;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * One warning as seen: its code (HKO's {@code code}, e.g. {@code TC8NE}, {@code WRAINB}; {@code EXTREME} for the
 * Government's Extreme Conditions, entered by an operator), when it was issued, and when it stopped being in force
 * ({@code null}: still in force). When it left the feed without its cancellation being seen, {@code endedAt} is the
 * latest it can have ended and {@code endNotBefore} the earliest; otherwise {@code endNotBefore} is null.
 */
public record Warning(String code, Instant issuedAt, Instant endedAt, Instant endNotBefore) {

    /** A warning whose end (if any) is HKO's own. */
    public Warning(String code, Instant issuedAt, Instant endedAt) {
        this(code, issuedAt, endedAt, null);
    }

    public boolean endUncertain() {
        return endNotBefore != null && endedAt != null;
    }

    /**
     * The same warning, taken to have ended as early as it can have: at its earliest possible end if its cancellation
     * was not seen, and, while the feed is down (since {@code feedDownSince}, or null), one still in force as of the
     * last reading may have ended when the feed went down.
     */
    public Warning endedEarliest(Instant feedDownSince) {
        if (endUncertain()) {
            return new Warning(code, issuedAt, endNotBefore, null);
        }
        if (endedAt == null && feedDownSince != null && feedDownSince.isAfter(issuedAt)) {
            return new Warning(code, issuedAt, feedDownSince, null);
        }
        return this;
    }

    /** Minutes in Hong Kong time, as warnings and the practice-session notices state them. */
    public static final DateTimeFormatter HKT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'HKT'")
            .withZone(ZoneId.of("Asia/Hong_Kong"));

    /** Tropical cyclone signals No. 8 or above: the four No. 8 directions, No. 9 and No. 10. */
    public static final Set<String> SIGNAL_8_OR_ABOVE = Set.of("TC8NE", "TC8SE", "TC8SW", "TC8NW", "TC9", "TC10");
    public static final String BLACK_RAINSTORM = "WRAINB";
    public static final String EXTREME_CONDITIONS = "EXTREME";

    /** No. 8 or above, or Extreme Conditions: rules 1 and 2. */
    public boolean signal8OrExtreme() {
        return SIGNAL_8_OR_ABOVE.contains(code) || EXTREME_CONDITIONS.equals(code);
    }

    public boolean blackRainstorm() {
        return BLACK_RAINSTORM.equals(code);
    }

    /** Any of the three conditions of the circular; every other warning changes nothing. */
    public boolean trigger() {
        return signal8OrExtreme() || blackRainstorm();
    }

    /** In force at some instant of [from, to). */
    public boolean inForceDuring(Instant from, Instant to) {
        return issuedAt.isBefore(to) && (endedAt == null || endedAt.isAfter(from));
    }

    public String describe() {
        String name = SIGNAL_8_OR_ABOVE.contains(code)
                ? "Tropical Cyclone Signal " + code.substring(2)
                : blackRainstorm()
                        ? "Black Rainstorm Warning"
                        : EXTREME_CONDITIONS.equals(code) ? "Extreme Conditions" : code;
        return name + " (" + code + ") issued " + HKT.format(issuedAt)
                + (endedAt == null
                        ? ", still in force"
                        : endUncertain()
                                ? ", ended between " + HKT.format(endNotBefore) + " and "
                                        + HKT.format(endedAt) + " (its cancellation was not seen)"
                                : ", ended " + HKT.format(endedAt));
    }
}
