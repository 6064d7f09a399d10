package io.raprelay.catalog.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.SourceSystem;

/**
 * Completeness of one business date: each expected report received in time, late, missing (deadline passed) or
 * pending, and the reports received that nothing expected. Practice-session reports never count. Plain Java: the
 * service feeds it the schedule, the calendar and what arrived.
 */
public final class Completeness {

    public static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");

    public enum Status {
        RECEIVED, LATE, MISSING, PENDING
    }

    /** One version of a report as the catalog holds it, with the time the fetcher took it from RAP. */
    public record Receipt(String reportKey, ClearingHouse clearingHouse, SourceSystem sourceSystem, String reportCode,
            String participant, String fileName, Instant fetchedAt, boolean practice) {
    }

    /**
     * @param run
     *            the run ({@code HHmm}) of a report produced several times a day, else null
     * @param missingParts
     *            of a run, the zips ({@code CTL}, {@code DAT}) not received; empty otherwise
     */
    public record ExpectedView(ClearingHouse clearingHouse, SourceSystem sourceSystem, String reportCode,
            String participant, String run, Instant deadline, Status status, Instant receivedAt,
            List<String> reportKeys, List<String> missingParts) {
    }

    public record UnexpectedView(String reportKey, ClearingHouse clearingHouse, SourceSystem sourceSystem,
            String reportCode, String participant, Instant receivedAt) {
    }

    public record Summary(int received, int late, int missing, int pending, int unexpected) {
    }

    /**
     * @param closedReason
     *            why it is not a business day (weekday or holiday), null on a business day
     * @param halfDay
     *            the eve's name on a half business day
     * @param calendarCovers
     *            false when the holiday data does not cover the year (only weekends are known then)
     */
    public record DayView(LocalDate businessDate, boolean businessDay, String closedReason, String halfDay,
            boolean calendarCovers, Integer scheduleVersion, List<ExpectedView> expected,
            List<UnexpectedView> unexpected, Summary summary) {
    }

    private Completeness() {
    }

    public static DayView of(LocalDate date, BusinessCalendar calendar, Optional<Integer> scheduleVersion,
            List<Expectation> schedule, List<Receipt> receipts, Instant now) {
        Optional<String> closed = calendar.closedReason(date);
        Optional<String> halfDay = calendar.halfDay(date);
        List<Expectation> due = closed.isPresent()
                ? List.of()
                : schedule.stream().filter(e -> halfDay.isEmpty() || e.onHalfDays()).toList();
        List<Receipt> counted = receipts.stream().filter(r -> !r.practice()).toList();

        List<ExpectedView> expected = new ArrayList<>();
        for (Expectation expectation : due) {
            Instant deadline = calendar.plusBusinessDays(date, expectation.deadlineBusinessDays())
                    .atTime(expectation.deadlineTime()).atZone(HONG_KONG).toInstant();
            List<Receipt> matching = counted.stream().filter(r -> matches(expectation, r)).toList();
            List<String> missingParts = List.of();
            Instant receivedAt;
            if (expectation.run() == null) {
                receivedAt = matching.stream().map(Receipt::fetchedAt).min(Comparator.naturalOrder()).orElse(null);
            } else {
                // A run arrived when its last part did: the later of the first control and the first data zip.
                Map<String, Instant> firstByPart = new TreeMap<>();
                matching.forEach(r -> firstByPart.merge(expectation.runPart(r.fileName()), r.fetchedAt(),
                        (a, b) -> a.isBefore(b) ? a : b));
                missingParts = Expectation.RUN_PARTS.stream().filter(p -> !firstByPart.containsKey(p)).toList();
                receivedAt = missingParts.isEmpty()
                        ? firstByPart.values().stream().max(Comparator.naturalOrder()).orElseThrow()
                        : null;
            }
            Status status = receivedAt != null
                    ? (receivedAt.isAfter(deadline) ? Status.LATE : Status.RECEIVED)
                    : (now.isAfter(deadline) ? Status.MISSING : Status.PENDING);
            expected.add(new ExpectedView(expectation.clearingHouse(), expectation.sourceSystem(),
                    expectation.reportCode(), expectation.participant(), expectation.run(), deadline, status,
                    receivedAt, matching.stream().map(Receipt::reportKey).distinct().sorted().toList(),
                    missingParts));
        }

        Map<String, UnexpectedView> unexpected = new TreeMap<>();
        for (Receipt receipt : counted) {
            if (due.stream().noneMatch(e -> matches(e, receipt))) {
                unexpected.merge(receipt.reportKey(), new UnexpectedView(receipt.reportKey(), receipt.clearingHouse(),
                        receipt.sourceSystem(), receipt.reportCode(), receipt.participant(), receipt.fetchedAt()),
                        (a, b) -> a.receivedAt().isBefore(b.receivedAt()) ? a : b);
            }
        }
        Summary summary = new Summary(count(expected, Status.RECEIVED), count(expected, Status.LATE),
                count(expected, Status.MISSING), count(expected, Status.PENDING), unexpected.size());
        return new DayView(date, closed.isEmpty(), closed.orElse(null), halfDay.orElse(null), calendar.covers(date),
                scheduleVersion.orElse(null), expected, List.copyOf(unexpected.values()), summary);
    }

    private static boolean matches(Expectation expectation, Receipt receipt) {
        return expectation.matches(receipt.clearingHouse(), receipt.reportCode(), receipt.participant(),
                receipt.fileName());
    }

    private static int count(List<ExpectedView> expected, Status status) {
        return (int) expected.stream().filter(e -> e.status() == status).count();
    }
}
