package io.raprelay.catalog.schedule;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.raprelay.catalog.CatalogConfig;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.SourceSystem;

/** Completeness of business dates from the catalog's reports, the schedule in force and the calendar. */
@ApplicationScoped
public class CompletenessService {

    /**
     * The dates' reports that were fetched, read by JDBC: this is the largest read of a completeness call (a day of a
     * busy catalog is thousands of rows), and the index on (business_date, clearing_house, report_key) holds every
     * column it needs (Flyway V16), so PostgreSQL answers it from the index alone.
     */
    private static final String RECEIPTS = """
            select business_date, report_key, clearing_house, source_system, report_code, participant, file_name,
                   first_fetched_at
            from report
            where business_date between ? and ? and first_fetched_at is not null""";

    /** A practice session's time window: reports fetched inside it are practice reports. */
    record PracticeWindow(Instant start, Instant end) {

        static PracticeWindow parse(String text) {
            String[] parts = text.split("/");
            try {
                if (parts.length == 2) {
                    PracticeWindow window = new PracticeWindow(OffsetDateTime.parse(parts[0].trim()).toInstant(),
                            OffsetDateTime.parse(parts[1].trim()).toInstant());
                    if (window.end.isAfter(window.start)) {
                        return window;
                    }
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw new IllegalArgumentException("catalog.practice-windows: '" + text
                    + "' is not start/end with offsets, end after start (2025-06-21T09:00+08:00/2025-06-21T17:00+08:00)");
        }

        boolean contains(Instant instant) {
            return !instant.isBefore(start) && instant.isBefore(end);
        }
    }

    private final EntityManager entityManager;
    private final CalendarService calendars;
    private final List<PracticeWindow> practiceWindows;
    private final Clock clock;

    public CompletenessService(EntityManager entityManager, CalendarService calendars, CatalogConfig config,
            Clock clock) {
        this.entityManager = entityManager;
        this.calendars = calendars;
        this.practiceWindows = config.practiceWindows().orElse(List.of()).stream().map(PracticeWindow::parse)
                .toList();
        this.clock = clock;
    }

    public Completeness.DayView day(LocalDate date) {
        return days(date, date).get(0);
    }

    /** One view per calendar day from {@code from} to {@code to}, weekends and holidays included (as closed). */
    public List<Completeness.DayView> days(LocalDate from, LocalDate to) {
        return days(from, to, clock.instant());
    }

    /** As {@link #days(LocalDate, LocalDate)}, with deadlines judged at {@code now}. */
    @Transactional
    public List<Completeness.DayView> days(LocalDate from, LocalDate to, Instant now) {
        BusinessCalendar calendar = calendars.calendar();
        List<ScheduleVersion> versions = ScheduleVersion.list("effectiveFrom <= ?1", to);
        Map<Integer, List<Expectation>> schedules = new HashMap<>();
        for (ScheduleVersion version : versions) {
            schedules.put(version.version, ExpectedReport.<ExpectedReport>list("scheduleVersion", version.version)
                    .stream().map(ExpectedReport::toExpectation).toList());
        }
        Map<LocalDate, List<Completeness.Receipt>> receipts = receipts(from, to);
        List<Completeness.DayView> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            LocalDate date = day;
            Optional<Integer> version = versions.stream().filter(v -> !v.effectiveFrom.isAfter(date))
                    .map(v -> v.version).max(Comparator.naturalOrder());
            days.add(Completeness.of(date, calendar, version,
                    version.map(schedules::get).orElse(List.of()), receipts.getOrDefault(date, List.of()), now));
        }
        return days;
    }

    /**
     * What arrived for each date: one receipt per report, at its first fetch outside a practice session (kept on the
     * report row by ingest, so this reads the dates' reports and no versions). A report first fetched inside a
     * configured practice window counts from its first version fetched outside every window, if any.
     */
    private Map<LocalDate, List<Completeness.Receipt>> receipts(LocalDate from, LocalDate to) {
        Map<LocalDate, List<Completeness.Receipt>> byDate = new HashMap<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(RECEIPTS)) {
                query.setObject(1, from);
                query.setObject(2, to);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        byDate.computeIfAbsent(rows.getObject(1, LocalDate.class), d -> new ArrayList<>())
                                .add(new Completeness.Receipt(rows.getString(2),
                                        ClearingHouse.valueOf(rows.getString(3)),
                                        SourceSystem.valueOf(rows.getString(4)), rows.getString(5),
                                        rows.getString(6), rows.getString(7),
                                        rows.getObject(8, OffsetDateTime.class).toInstant(), false));
                    }
                }
            }
        });
        if (!practiceWindows.isEmpty()) {
            Map<String, Instant> outsideWindows = firstFetchedOutsideWindows(byDate.values().stream()
                    .flatMap(List::stream).filter(r -> inPracticeWindow(r.fetchedAt()))
                    .map(Completeness.Receipt::reportKey).toList());
            byDate.values().forEach(receipts -> receipts.replaceAll(r -> inPracticeWindow(r.fetchedAt())
                    ? countedOutsideWindows(r, outsideWindows.get(r.reportKey()))
                    : r));
        }
        return byDate;
    }

    /** A report first fetched in a practice window: counted from its first fetch outside, else a practice report. */
    private static Completeness.Receipt countedOutsideWindows(Completeness.Receipt receipt, Instant outside) {
        return new Completeness.Receipt(receipt.reportKey(), receipt.clearingHouse(), receipt.sourceSystem(),
                receipt.reportCode(), receipt.participant(), receipt.fileName(),
                outside != null ? outside : receipt.fetchedAt(), outside == null);
    }

    private boolean inPracticeWindow(Instant fetchedAt) {
        for (PracticeWindow window : practiceWindows) {
            if (window.contains(fetchedAt)) {
                return true;
            }
        }
        return false;
    }

    /** Of these reports, the first production version fetched outside every practice window, where there is one. */
    private Map<String, Instant> firstFetchedOutsideWindows(List<String> reportKeys) {
        Map<String, Instant> first = new HashMap<>();
        if (reportKeys.isEmpty()) {
            return first;
        }
        entityManager.createQuery("""
                select v.reportKey, v.fetchedAt from ReportVersion v
                where v.reportKey in :keys and v.practiceSession = false""", Object[].class)
                .setParameter("keys", reportKeys).getResultStream()
                .filter(row -> !inPracticeWindow((Instant) row[1]))
                .forEach(row -> first.merge((String) row[0], (Instant) row[1], (x, y) -> x.isBefore(y) ? x : y));
        return first;
    }
}
