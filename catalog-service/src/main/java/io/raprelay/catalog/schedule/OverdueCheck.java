package io.raprelay.catalog.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.health.Readiness;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.catalog.CatalogConfig;
import io.raprelay.catalog.archive.AlertPublisher;
import io.raprelay.catalog.ingest.IngestHealthCheck;
import io.raprelay.contracts.ReportOverdue;
import io.raprelay.contracts.ReportOverdueResolved;

/**
 * Publishes {@link ReportOverdue} once per expected report and business date whose deadline passed without it, and
 * {@link ReportOverdueResolved} once when such a report arrives after all. Each is recorded and acknowledged by Kafka
 * in one transaction: a failed send leaves nothing recorded and the next check tries again; a recorded one is never
 * sent again. Weather never silences it (HKEX trades and settles through severe weather).
 */
@ApplicationScoped
public class OverdueCheck {

    private static final String WRITER = "overdue-check";

    private final CompletenessService completeness;
    private final CalendarService calendars;
    private final AlertPublisher publisher;
    private final EntityManager entityManager;
    private final CatalogConfig config;
    private final Clock clock;
    private final IngestHealthCheck health;
    private final CompletenessMetrics metrics;

    public OverdueCheck(CompletenessService completeness, CalendarService calendars, AlertPublisher publisher,
            EntityManager entityManager, CatalogConfig config, Clock clock, @Readiness IngestHealthCheck health,
            CompletenessMetrics metrics) {
        this.health = health;
        this.metrics = metrics;
        this.completeness = completeness;
        this.calendars = calendars;
        this.publisher = publisher;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /** The scheduler fires its first run during start-up, before Reactive Messaging connected the emitters. */
    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "{catalog.overdue.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (started) {
            // Nothing is recorded for what was not published, so the next check publishes it: nothing is lost.
            health.runPeriodically(WRITER, "Overdue-report check", () -> check(clock.instant()));
        }
    }

    /**
     * Announces every expected report missing at {@code now} whose deadline fell on a business day no earlier than
     * {@code catalog.overdue.lookback-business-days} before today (Hong Kong time), and resolves every notice of those
     * days whose report has arrived since. Returns how many events (overdue and resolved) were published.
     */
    public int check(Instant now) {
        BusinessCalendar calendar = calendars.calendar();
        LocalDate today = now.atZone(Completeness.HONG_KONG).toLocalDate();
        LocalDate earliestDeadlineDay = calendar.minusBusinessDays(today, config.overdue().lookbackBusinessDays());
        Instant earliestDeadline = earliestDeadlineDay.atStartOfDay(Completeness.HONG_KONG).toInstant();
        // Deadlines may lie up to 5 business days after the report's business date.
        LocalDate from = calendar.minusBusinessDays(earliestDeadlineDay, 5);
        Map<String, String> unresolved = unresolved(from, today);
        int published = 0;
        for (Completeness.DayView day : completeness.days(from, today, now)) {
            for (Completeness.ExpectedView expected : day.expected()) {
                if (expected.status() == Completeness.Status.MISSING && !expected.deadline().isBefore(earliestDeadline)
                        && announce(day.businessDate(), day.scheduleVersion(), expected, now)) {
                    metrics.overdue(expected.clearingHouse());
                    published++;
                }
                String overdueEventId = unresolved.get(noticeKey(day.businessDate(), expected.clearingHouse().name(),
                        expected.reportCode(), participant(expected), run(expected)));
                if (overdueEventId != null && expected.receivedAt() != null
                        && resolve(day.businessDate(), day.scheduleVersion(), expected, overdueEventId, now)) {
                    published++;
                }
            }
        }
        return published;
    }

    /** The notices of these days still unresolved: their event ids by {@link #noticeKey}. */
    private Map<String, String> unresolved(LocalDate from, LocalDate to) {
        Map<String, String> unresolved = new HashMap<>();
        QuarkusTransaction.joiningExisting().call(() -> entityManager.createNativeQuery("""
                select cast(business_date as varchar), clearing_house, report_code, participant, run, event_id
                from overdue_notice where business_date between :from and :to and resolved_at is null""",
                Object[].class).setParameter("from", from).setParameter("to", to).getResultList())
                .forEach(row -> {
                    Object[] r = (Object[]) row;
                    unresolved.put(noticeKey(LocalDate.parse((String) r[0]), (String) r[1], (String) r[2],
                            (String) r[3], (String) r[4]), (String) r[5]);
                });
        return unresolved;
    }

    private static String noticeKey(LocalDate businessDate, String house, String code, String participant,
            String run) {
        return businessDate + "/" + house + "/" + code + "/" + participant + "/" + run;
    }

    private static String participant(Completeness.ExpectedView expected) {
        return expected.participant() == null ? "" : expected.participant();
    }

    private static String run(Completeness.ExpectedView expected) {
        return expected.run() == null ? "" : expected.run();
    }

    private boolean resolve(LocalDate businessDate, int scheduleVersion, Completeness.ExpectedView expected,
            String overdueEventId, Instant now) {
        String eventId = UUID.nameUUIDFromBytes(("ReportOverdueResolved/" + overdueEventId)
                .getBytes(StandardCharsets.UTF_8)).toString();
        return QuarkusTransaction.requiringNew().call(() -> {
            int recorded = entityManager.createNativeQuery("""
                    update overdue_notice set resolved_event_id = :eventId, resolved_at = :at
                    where event_id = :overdueEventId and resolved_at is null""")
                    .setParameter("eventId", eventId).setParameter("at", now)
                    .setParameter("overdueEventId", overdueEventId).executeUpdate();
            if (recorded == 0) {
                return false; // resolved before
            }
            publisher.publish(new ReportOverdueResolved(eventId, now, overdueEventId, expected.clearingHouse(),
                    expected.sourceSystem(), expected.reportCode(), expected.participant(), businessDate,
                    expected.deadline(), scheduleVersion, expected.run(), expected.receivedAt(),
                    expected.reportKeys().subList(0, Math.min(100, expected.reportKeys().size()))));
            Log.infof("Overdue report arrived: %s %s%s for business date %s at %s (deadline %s)",
                    expected.clearingHouse(), expected.reportCode(),
                    expected.run() == null ? "" : " run " + expected.run(), businessDate, expected.receivedAt(),
                    expected.deadline());
            return true;
        });
    }

    private boolean announce(LocalDate businessDate, int scheduleVersion, Completeness.ExpectedView expected,
            Instant now) {
        String participant = participant(expected);
        String run = run(expected);
        String eventId = UUID.nameUUIDFromBytes(("ReportOverdue/" + businessDate + "/" + expected.clearingHouse() + "/"
                + expected.reportCode() + "/" + participant + (run.isEmpty() ? "" : "/" + run))
                .getBytes(StandardCharsets.UTF_8)).toString();
        return QuarkusTransaction.requiringNew().call(() -> {
            int recorded = entityManager.createNativeQuery("""
                    insert into overdue_notice (business_date, clearing_house, report_code, participant, run, event_id,
                                                published_at)
                    values (:date, :house, :code, :participant, :run, :eventId, :at)
                    on conflict do nothing""")
                    .setParameter("date", businessDate).setParameter("house", expected.clearingHouse().name())
                    .setParameter("code", expected.reportCode()).setParameter("participant", participant)
                    .setParameter("run", run).setParameter("eventId", eventId).setParameter("at", now).executeUpdate();
            if (recorded == 0) {
                return false; // announced before
            }
            publisher.publish(new ReportOverdue(eventId, now, expected.clearingHouse(), expected.sourceSystem(),
                    expected.reportCode(), expected.participant(), businessDate, expected.deadline(),
                    scheduleVersion, expected.run()));
            Log.warnf("Report overdue: %s %s%s %s for business date %s, deadline %s", expected.clearingHouse(),
                    expected.reportCode(), run.isEmpty() ? "" : " run " + run,
                    participant.isEmpty() ? "(any participant)" : participant, businessDate, expected.deadline());
            return true;
        });
    }
}
