package io.raprelay.catalog.schedule;

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

import io.raprelay.catalog.CatalogConfig;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.SourceSystem;

/** Completeness of business dates from the catalog's reports, the schedule in force and the calendar. */
@ApplicationScoped
public class CompletenessService {

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

    private Map<LocalDate, List<Completeness.Receipt>> receipts(LocalDate from, LocalDate to) {
        List<Object[]> rows = entityManager.createQuery("""
                select r.businessDate, r.reportKey, r.clearingHouse, r.sourceSystem, r.reportCode, r.participant,
                       v.fetchedAt, v.practiceSession, r.fileName
                from Report r, ReportVersion v
                where v.reportKey = r.reportKey and r.businessDate between :from and :to""", Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList();
        Map<LocalDate, List<Completeness.Receipt>> byDate = new HashMap<>();
        for (Object[] row : rows) {
            Instant fetchedAt = (Instant) row[6];
            boolean practice = (Boolean) row[7] || practiceWindows.stream().anyMatch(w -> w.contains(fetchedAt));
            byDate.computeIfAbsent((LocalDate) row[0], d -> new ArrayList<>())
                    .add(new Completeness.Receipt((String) row[1], (ClearingHouse) row[2], (SourceSystem) row[3],
                            (String) row[4], (String) row[5], (String) row[8], fetchedAt, practice));
        }
        return byDate;
    }
}
