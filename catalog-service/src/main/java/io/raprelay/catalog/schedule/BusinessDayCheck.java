package io.raprelay.catalog.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import io.raprelay.contracts.BusinessDayComplete;
import io.raprelay.contracts.BusinessDayIncomplete;
import io.raprelay.contracts.BusinessDayReport;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.RapEvent;

/**
 * Tells downstream systems when a business day is complete: for each clearing house and participant (as the
 * schedule's expectations name them; those naming none are a group of their own), {@link BusinessDayComplete} once
 * every expected report arrived, again as an amendment when what the day holds changes (a re-issue), and
 * {@link BusinessDayIncomplete} once if the day's cut-off (its latest deadline) passed with reports missing (a cut-off
 * as far back as {@code catalog.overdue.lookback-business-days}, as for {@code ReportOverdue}). Each
 * event is recorded with its content and acknowledged by Kafka in one transaction, as {@link OverdueCheck} does.
 */
@ApplicationScoped
public class BusinessDayCheck {

    private static final String WRITER = "business-day-check";

    /** One group of a business day: a clearing house and the participant its expectations name ("" for none). */
    private record Group(LocalDate businessDate, ClearingHouse clearingHouse, String participant) {

        String participantOrNull() {
            return participant.isEmpty() ? null : participant;
        }
    }

    /**
     * What was published for a group: the latest complete revision (0: none) and whether it was announced incomplete.
     */
    private record Published(int revision, String eventId, String contentSha256, boolean incomplete) {
    }

    private final CompletenessService completeness;
    private final CalendarService calendars;
    private final AlertPublisher publisher;
    private final EntityManager entityManager;
    private final CatalogConfig config;
    private final Clock clock;
    private final IngestHealthCheck health;

    public BusinessDayCheck(CompletenessService completeness, CalendarService calendars, AlertPublisher publisher,
            EntityManager entityManager, CatalogConfig config, Clock clock, @Readiness IngestHealthCheck health) {
        this.completeness = completeness;
        this.calendars = calendars;
        this.publisher = publisher;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
        this.health = health;
    }

    /** The scheduler fires its first run during start-up, before Reactive Messaging connected the emitters. */
    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "{catalog.business-day.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (started) {
            // Nothing is recorded for what was not published, so the next check publishes it: nothing is lost.
            health.runPeriodically(WRITER, "Business-day check", () -> check(clock.instant()));
        }
    }

    /**
     * Looks at the business days from {@code catalog.business-day.lookback-business-days} before today (Hong Kong
     * time) to today, judged at {@code now}, and publishes what is due. Returns the events published.
     */
    public List<RapEvent> check(Instant now) {
        LocalDate today = now.atZone(Completeness.HONG_KONG).toLocalDate();
        BusinessCalendar calendar = calendars.calendar();
        LocalDate from = calendar.minusBusinessDays(today, config.businessDay().lookbackBusinessDays());
        // As with ReportOverdue, a fresh install does not announce old gaps: only cut-offs since this day.
        Instant earliestCutOff = calendar.minusBusinessDays(today, config.overdue().lookbackBusinessDays())
                .atStartOfDay(Completeness.HONG_KONG).toInstant();
        Map<Group, Published> published = published(from, today);
        List<RapEvent> events = new ArrayList<>();
        for (Completeness.DayView day : completeness.days(from, today, now)) {
            if (day.scheduleVersion() == null) {
                continue;
            }
            Map<Group, List<Completeness.ExpectedView>> groups = new LinkedHashMap<>();
            for (Completeness.ExpectedView expected : day.expected()) {
                groups.computeIfAbsent(new Group(day.businessDate(), expected.clearingHouse(),
                        Objects.requireNonNullElse(expected.participant(), "")), g -> new ArrayList<>())
                        .add(expected);
            }
            groups.forEach((group, expected) -> {
                Published before = published.getOrDefault(group, new Published(0, null, null, false));
                RapEvent event = due(group, day.scheduleVersion(), expected, before, now, earliestCutOff);
                if (event != null && record(group, event, now)) {
                    events.add(event);
                }
            });
        }
        return events;
    }

    private RapEvent due(Group group, int scheduleVersion, List<Completeness.ExpectedView> expected,
            Published before, Instant now, Instant earliestCutOff) {
        List<Completeness.ExpectedView> missing = expected.stream()
                .filter(e -> e.status() == Completeness.Status.MISSING || e.status() == Completeness.Status.PENDING)
                .toList();
        Instant cutOff = expected.stream().map(Completeness.ExpectedView::deadline).max(Comparator.naturalOrder())
                .orElseThrow();
        if (!missing.isEmpty() && (before.incomplete() || now.isBefore(cutOff) || cutOff.isBefore(earliestCutOff))) {
            return null; // nothing to say yet (or said): spare the query
        }
        List<BusinessDayReport> reports = latestVersions(expected.stream()
                .flatMap(e -> e.reportKeys().stream()).distinct().sorted().toList());
        if (missing.isEmpty()) {
            String content = contentSha256(reports);
            if (content.equals(before.contentSha256())) {
                return null;
            }
            int revision = before.revision() + 1;
            return new BusinessDayComplete(eventId("BusinessDayComplete", group, revision), now,
                    group.clearingHouse(), group.participantOrNull(), group.businessDate(), scheduleVersion, revision,
                    before.eventId(), reports);
        }
        return new BusinessDayIncomplete(eventId("BusinessDayIncomplete", group, 1), now, group.clearingHouse(),
                group.participantOrNull(), group.businessDate(), scheduleVersion, cutOff,
                missing.stream().map(e -> new BusinessDayIncomplete.Missing(e.sourceSystem(), e.reportCode(), e.run(),
                        e.deadline(), e.missingParts())).toList(),
                reports);
    }

    /** Each report's latest version, as its {@code ReportArrived} said, in the order of the keys. */
    private List<BusinessDayReport> latestVersions(List<String> reportKeys) {
        if (reportKeys.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> entityManager.createQuery("""
                select v.reportKey, v.reportId, r.reportCode, r.fileName, v.version, v.sha256
                from ReportVersion v join Report r on r.reportKey = v.reportKey and v.version = r.latestVersion
                where v.reportKey in :keys
                order by v.reportKey""", Object[].class).setParameter("keys", reportKeys).getResultStream()
                .map(row -> new BusinessDayReport((String) row[0], (String) row[1], (String) row[2],
                        (String) row[3], (Integer) row[4], (String) row[5]))
                .toList());
    }

    private Map<Group, Published> published(LocalDate from, LocalDate to) {
        Map<Group, Published> published = new HashMap<>();
        QuarkusTransaction.joiningExisting().call(() -> entityManager.createNativeQuery("""
                select cast(business_date as varchar), clearing_house, participant, kind, revision, event_id,
                       content_sha256
                from business_day_notice where business_date between :from and :to
                order by revision""", Object[].class).setParameter("from", from).setParameter("to", to)
                .getResultList())
                .forEach(row -> {
                    Object[] r = (Object[]) row;
                    Group group = new Group(LocalDate.parse((String) r[0]), ClearingHouse.valueOf((String) r[1]),
                            (String) r[2]);
                    Published before = published.getOrDefault(group, new Published(0, null, null, false));
                    published.put(group, "INCOMPLETE".equals(r[3])
                            ? new Published(before.revision(), before.eventId(), before.contentSha256(), true)
                            : new Published((Integer) r[4], (String) r[5], (String) r[6], before.incomplete()));
                });
        return published;
    }

    /** Records the event and publishes it in one transaction; false when it was recorded before (another check). */
    private boolean record(Group group, RapEvent event, Instant now) {
        boolean complete = event instanceof BusinessDayComplete;
        int revision = event instanceof BusinessDayComplete c ? c.revision() : 1;
        List<BusinessDayReport> reports = event instanceof BusinessDayComplete c
                ? c.reports()
                : ((BusinessDayIncomplete) event).received();
        return QuarkusTransaction.requiringNew().call(() -> {
            int recorded = entityManager.createNativeQuery("""
                    insert into business_day_notice (business_date, clearing_house, participant, kind, revision,
                                                     event_id, content_sha256, published_at)
                    values (:date, :house, :participant, :kind, :revision, :eventId, :content, :at)
                    on conflict do nothing""")
                    .setParameter("date", group.businessDate()).setParameter("house", group.clearingHouse().name())
                    .setParameter("participant", group.participant())
                    .setParameter("kind", complete ? "COMPLETE" : "INCOMPLETE").setParameter("revision", revision)
                    .setParameter("eventId", event.eventId()).setParameter("content", contentSha256(reports))
                    .setParameter("at", now).executeUpdate();
            if (recorded == 0) {
                return false;
            }
            publisher.publish(event);
            Log.infof("Business day %s %s%s: %s", group.businessDate(), group.clearingHouse(),
                    group.participant().isEmpty() ? "" : " " + group.participant(),
                    complete
                            ? "complete (revision " + revision + ", " + reports.size() + " reports)"
                            : "incomplete at its cut-off ("
                                    + ((BusinessDayIncomplete) event).missing().size() + " missing)");
            return true;
        });
    }

    private static String eventId(String kind, Group group, int revision) {
        return UUID.nameUUIDFromBytes((kind + "/" + group.businessDate() + "/" + group.clearingHouse() + "/"
                + group.participant() + "/" + revision).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** SHA-256 over each report's key, version and checksum: what a downstream system would act on. */
    private static String contentSha256(List<BusinessDayReport> reports) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (BusinessDayReport report : reports) {
                digest.update((report.reportKey() + "\n" + report.version() + "\n" + report.sha256() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
