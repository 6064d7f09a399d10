package io.raprelay.contracts;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * How long a report's archived copies are kept, from its business date: one period for every clearing house and
 * source system, and overrides per clearing house and source system (names matched ignoring case). The catalog removes
 * a copy the day after {@link #keptUntil}; the fetcher locks each object it writes to an S3 store with Object Lock
 * until {@link #lockedUntil}, the same moment, so both must be configured alike.
 *
 * @param period
 *            the retention of every clearing house and source system not named in {@code periods}
 * @param periods
 *            by clearing house, then source system, e.g. {@code HKCC -> DCASS -> P10Y}
 */
public record RetentionPeriods(Period period, Map<String, Map<String, Period>> periods) {

    private static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");

    public RetentionPeriods {
        Objects.requireNonNull(period, "period");
        periods = Map.copyOf(periods);
    }

    /** The last day (Hong Kong) a copy of a report of this house, system and business date is kept. */
    public LocalDate keptUntil(ClearingHouse house, SourceSystem system, LocalDate businessDate) {
        return businessDate.plus(periodOf(house, system));
    }

    /** The moment a copy may go: the start of the day after {@link #keptUntil}, Hong Kong time. */
    public ZonedDateTime lockedUntil(ClearingHouse house, SourceSystem system, LocalDate businessDate) {
        return keptUntil(house, system, businessDate).plusDays(1).atStartOfDay(HONG_KONG);
    }

    /** The retention of this house and system. */
    public Period periodOf(ClearingHouse house, SourceSystem system) {
        Map<String, Period> bySystem = find(periods, house.name());
        Period own = bySystem == null ? null : find(bySystem, system.name());
        return own == null ? period : own;
    }

    /** The shortest retention of any house and system: nothing newer than this is ever due. */
    public Period shortest() {
        Period shortest = period;
        for (Map<String, Period> bySystem : periods.values()) {
            for (Period candidate : bySystem.values()) {
                if (LocalDate.EPOCH.plus(candidate).isBefore(LocalDate.EPOCH.plus(shortest))) {
                    shortest = candidate;
                }
            }
        }
        return shortest;
    }

    private static <T> T find(Map<String, T> byName, String name) {
        return byName.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
