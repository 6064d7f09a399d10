package io.raprelay.catalog.practice;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.catalog.schedule.CalendarService;
import io.raprelay.catalog.schedule.Completeness;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.EventType;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.LoginCheckCompleted;
import io.raprelay.contracts.NotificationDelivered;
import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.contracts.PracticeSessionStatusChanged;
import io.raprelay.contracts.RapEvent;

/**
 * The evidence of one practice session for auditors, from what the catalog holds: the session as configured (its
 * parts), the status decisions, the data-centre switches of its day (who, when, why), the fetcher's login checks (the
 * standby pre-check and each part's login), every practice download with its checksum, the cross-check the circular
 * suggests (each practice report against the production report of the same name and date: same checksum, different,
 * or missing on either side), and the notices sent about it and to whom (the notifier's delivery reports).
 */
@ApplicationScoped
public class DrillEvidence {

    public record Part(String name, Instant startsAt, Instant endsAt, DataCentre dataCentre) {
    }

    public record StatusChange(Instant at, PracticeSessionStatus status, PracticeSessionStatus previousStatus,
            String rule, String explanation, boolean provisional) {
    }

    public record Switch(Instant at, Installation installation, DataCentre from, DataCentre to, String operator,
            String reason, boolean reminder) {
    }

    public record LoginCheck(Instant at, Installation installation, DataCentre dataCentre,
            LoginCheckCompleted.Occasion occasion, String part, boolean passed,
            List<LoginCheckCompleted.HostResult> results) {
    }

    public record PracticeReport(String reportKey, String productionReportKey, Installation installation,
            String account, String fileName, LocalDate businessDate, String reportCode, DataCentre dataCentre,
            String host, Instant fetchedAt, String part, String sha256, long size) {
    }

    /** A practice report against the production report of the same name and date. */
    public enum Match {
        SAME, DIFFERENT, PRACTICE_ONLY, PRODUCTION_ONLY
    }

    public record CrossCheck(String productionReportKey, String fileName, LocalDate businessDate,
            String practiceSha256, String productionSha256, Match result) {
    }

    public record Notice(Instant at, String subject, String contact, String channel, String address,
            NotificationDelivered.Outcome outcome) {
    }

    public record Summary(int practiceReports, int same, int different, int practiceOnly, int productionOnly,
            int loginChecks, int loginChecksFailed, int noticesSent, int noticesFailed) {
    }

    /**
     * @param practiceBusinessDate
     *            the business day before the session: on the practice day only its reports are served
     */
    public record Evidence(String sessionId, LocalDate sessionDate, int revision, boolean withdrawn,
            String configuredBy, List<Part> parts, LocalDate practiceBusinessDate, List<StatusChange> statusChanges,
            List<Switch> dataCentreSwitches, List<LoginCheck> loginChecks, List<PracticeReport> practiceReports,
            List<CrossCheck> crossCheck, List<Notice> notices, Summary summary, Instant generatedAt) {
    }

    private final EntityManager entityManager;
    private final EventCodec codec;
    private final CalendarService calendars;
    private final Clock clock;

    public DrillEvidence(EntityManager entityManager, EventCodec codec, CalendarService calendars, Clock clock) {
        this.entityManager = entityManager;
        this.codec = codec;
        this.calendars = calendars;
        this.clock = clock;
    }

    /** The evidence of a session, or empty when the catalog has never seen it configured. */
    @Transactional
    public Optional<Evidence> of(String sessionId) {
        Optional<PracticeSessionConfigured> configured = events(sessionId, EventType.PRACTICE_SESSION_CONFIGURED,
                PracticeSessionConfigured.class).stream()
                .max(Comparator.comparingInt(PracticeSessionConfigured::revision)
                        .thenComparing(PracticeSessionConfigured::occurredAt));
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        PracticeSessionConfigured session = configured.get();
        List<Part> parts = session.parts().stream()
                .map(p -> new Part(p.name(), p.startsAt(), p.endsAt(), p.dataCentre()))
                .sorted(Comparator.comparing(Part::startsAt)).toList();

        List<StatusChange> statuses = events(sessionId, EventType.PRACTICE_SESSION_STATUS_CHANGED,
                PracticeSessionStatusChanged.class).stream()
                .sorted(Comparator.comparing(PracticeSessionStatusChanged::occurredAt))
                .map(c -> new StatusChange(c.occurredAt(), c.status(), c.previousStatus(), c.rule(), c.explanation(),
                        Boolean.TRUE.equals(c.provisional())))
                .toList();

        // The switches of the session's day, and the switch back to the primary until 09:00 the next morning.
        Instant dayStart = session.sessionDate().atStartOfDay(Completeness.HONG_KONG).toInstant();
        Instant dayEnd = session.sessionDate().plusDays(1).atTime(LocalTime.of(9, 0))
                .atZone(Completeness.HONG_KONG).toInstant();
        List<Switch> switches = entityManager.createQuery("""
                select e.payload from FetchEvent e
                where e.eventType = :type and e.occurredAt >= :from and e.occurredAt < :to
                order by e.occurredAt""", String.class)
                .setParameter("type", EventType.DATA_CENTRE_SWITCHED.cloudEventType())
                .setParameter("from", dayStart).setParameter("to", dayEnd).getResultList().stream()
                .map(payload -> decode(payload, EventType.DATA_CENTRE_SWITCHED, DataCentreSwitched.class))
                .map(s -> new Switch(s.occurredAt(), s.installation(), s.from(), s.to(), s.operator(), s.reason(),
                        s.reminder()))
                .toList();

        List<LoginCheck> logins = events(sessionId, EventType.LOGIN_CHECK_COMPLETED, LoginCheckCompleted.class)
                .stream().sorted(Comparator.comparing(LoginCheckCompleted::occurredAt))
                .map(c -> new LoginCheck(c.occurredAt(), c.installation(), c.dataCentre(), c.occasion(), c.part(),
                        c.passed(), c.results()))
                .toList();

        List<PracticeReport> practice = practiceReports(sessionId, parts);
        LocalDate practiceDate = calendars.calendar().minusBusinessDays(session.sessionDate(), 1);
        List<CrossCheck> crossCheck = crossCheck(practice, practiceDate);

        List<Notice> notices = events(sessionId, EventType.NOTIFICATION_DELIVERED, NotificationDelivered.class)
                .stream().sorted(Comparator.comparing(NotificationDelivered::occurredAt))
                .map(n -> new Notice(n.occurredAt(), n.subject(), n.contactName(), n.channel().name(), n.address(),
                        n.outcome()))
                .toList();

        Summary summary = new Summary(practice.size(), count(crossCheck, Match.SAME),
                count(crossCheck, Match.DIFFERENT), count(crossCheck, Match.PRACTICE_ONLY),
                count(crossCheck, Match.PRODUCTION_ONLY), logins.size(),
                (int) logins.stream().filter(l -> !l.passed()).count(),
                (int) notices.stream().filter(n -> n.outcome() == NotificationDelivered.Outcome.SENT).count(),
                (int) notices.stream().filter(n -> n.outcome() == NotificationDelivered.Outcome.FAILED).count());
        return Optional.of(new Evidence(session.sessionId(), session.sessionDate(), session.revision(),
                session.withdrawn(), session.changedBy(), parts, practiceDate, statuses, switches, logins, practice,
                crossCheck, notices, summary, clock.instant()));
    }

    private List<PracticeReport> practiceReports(String sessionId, List<Part> parts) {
        List<Object[]> rows = entityManager.createQuery("""
                select r, v from Report r, ReportVersion v
                where v.reportKey = r.reportKey and v.version = r.latestVersion and r.practiceSessionId = :id
                order by v.fetchedAt, r.reportKey""", Object[].class)
                .setParameter("id", sessionId).getResultList();
        String prefix = "practice/" + sessionId + "/";
        List<PracticeReport> reports = new ArrayList<>();
        for (Object[] row : rows) {
            Report r = (Report) row[0];
            ReportVersion v = (ReportVersion) row[1];
            String part = parts.stream()
                    .filter(p -> !v.fetchedAt.isBefore(p.startsAt()) && v.fetchedAt.isBefore(p.endsAt()))
                    .map(Part::name).findFirst().orElse(null);
            reports.add(new PracticeReport(r.reportKey, r.reportKey.startsWith(prefix)
                    ? r.reportKey.substring(prefix.length())
                    : r.reportKey, r.installation, r.account, r.fileName, r.businessDate, r.reportCode, v.dataCentre,
                    v.host, v.fetchedAt, part, v.sha256, v.size));
        }
        return reports;
    }

    /**
     * Each practice report against the production report under its key (same installation, account and path), and
     * each production report of the practice business date that had no practice copy.
     */
    private List<CrossCheck> crossCheck(List<PracticeReport> practice, LocalDate practiceDate) {
        record Production(String fileName, LocalDate businessDate, String sha256) {
        }
        Map<String, Production> production = new HashMap<>();
        List<String> keys = practice.stream().map(PracticeReport::productionReportKey).toList();
        String query = """
                select r.reportKey, r.fileName, r.businessDate, v.sha256 from Report r, ReportVersion v
                where v.reportKey = r.reportKey and v.version = r.latestVersion and r.practiceSessionId is null
                  and (r.businessDate = :date or r.reportKey in :keys)""";
        for (Object[] row : entityManager.createQuery(query, Object[].class).setParameter("date", practiceDate)
                .setParameter("keys", keys.isEmpty() ? List.of("") : keys).getResultList()) {
            production.put((String) row[0], new Production((String) row[1], (LocalDate) row[2], (String) row[3]));
        }
        Map<String, CrossCheck> checks = new TreeMap<>();
        for (PracticeReport p : practice) {
            Production prod = production.remove(p.productionReportKey());
            Match match = prod == null
                    ? Match.PRACTICE_ONLY
                    : prod.sha256().equals(p.sha256()) ? Match.SAME : Match.DIFFERENT;
            checks.put(p.productionReportKey(), new CrossCheck(p.productionReportKey(), p.fileName(),
                    p.businessDate(), p.sha256(), prod == null ? null : prod.sha256(), match));
        }
        production.forEach((key, prod) -> {
            if (prod.businessDate().equals(practiceDate)) {
                checks.put(key, new CrossCheck(key, prod.fileName(), practiceDate, null, prod.sha256(),
                        Match.PRODUCTION_ONLY));
            }
        });
        return List.copyOf(checks.values());
    }

    private <T extends RapEvent> List<T> events(String sessionId, EventType type, Class<T> recordType) {
        return entityManager.createQuery("""
                select e.payload from FetchEvent e where e.practiceSessionId = :id and e.eventType = :type""",
                String.class).setParameter("id", sessionId).setParameter("type", type.cloudEventType())
                .getResultList().stream().map(payload -> decode(payload, type, recordType)).toList();
    }

    private <T extends RapEvent> T decode(String payload, EventType type, Class<T> recordType) {
        return recordType.cast(codec.read(payload.getBytes(StandardCharsets.UTF_8),
                type.cloudEventType()));
    }

    private static int count(List<CrossCheck> checks, Match match) {
        return (int) checks.stream().filter(c -> c.result() == match).count();
    }
}
