package io.raprelay.catalog.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.raprelay.catalog.model.FetchEvent;
import io.raprelay.catalog.model.ProcessedEvent;
import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.FetchFailed;
import io.raprelay.contracts.HostFailover;
import io.raprelay.contracts.HostKeyRejected;
import io.raprelay.contracts.LoginCheckCompleted;
import io.raprelay.contracts.NotificationDelivered;
import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.contracts.PracticeSessionStatusChanged;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.ReportRejected;
import io.raprelay.contracts.SshKeyWarning;

/**
 * Applies events to the catalog: arrivals become report versions; every other event (the fetcher's, the practice
 * sessions' configurations and status changes, the notifier's delivery reports) joins the event timeline. Each event id
 * is recorded in the same transaction as its effect, so a redelivered
 * event changes nothing; a new report id for a known report key becomes its next version.
 */
@ApplicationScoped
public class EventStore {

    private final EntityManager entityManager;
    private final EventCodec codec;
    private final Clock clock;

    public EventStore(EntityManager entityManager, EventCodec codec, Clock clock) {
        this.entityManager = entityManager;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Applies the events in one transaction; all or nothing. Set-based: one query each for the event ids already
     * applied, the report ids already indexed and the reports already known (each with the batch's ids as one array),
     * then batched inserts.
     */
    public void apply(List<IncomingEvent> events) {
        QuarkusTransaction.requiringNew().run(() -> applyBatch(events));
    }

    private void applyBatch(List<IncomingEvent> events) {
        Set<String> applied = new HashSet<>(existing("select event_id from processed_event where event_id = any(?1)",
                events.stream().map(e -> e.event().eventId())));
        List<ReportArrived> arrivals = events.stream().map(IncomingEvent::event)
                .filter(ReportArrived.class::isInstance).map(ReportArrived.class::cast).toList();
        Set<String> indexed = new HashSet<>();
        Map<String, Report> reports = new HashMap<>();
        if (!arrivals.isEmpty()) {
            indexed.addAll(existing("select report_id from report_version where report_id = any(?1)",
                    arrivals.stream().map(ReportArrived::reportId)));
            entityManager.createNativeQuery("select * from report where report_key = any(?1)", Report.class)
                    .setParameter(1, arrivals.stream().map(ReportArrived::reportKey).distinct().toArray(String[]::new))
                    .getResultStream()
                    .forEach(r -> reports.put(((Report) r).reportKey, (Report) r));
        }
        Instant now = clock.instant();
        for (IncomingEvent incoming : events) {
            RapEvent event = incoming.event();
            if (!applied.add(event.eventId())) {
                continue; // redelivered, or twice in this batch
            }
            ProcessedEvent processed = new ProcessedEvent();
            processed.eventId = event.eventId();
            processed.eventType = event.type().cloudEventType();
            processed.kafkaTopic = incoming.topic();
            processed.kafkaPartition = incoming.partition();
            processed.kafkaOffset = incoming.offset();
            processed.processedAt = now;
            entityManager.persist(processed);
            if (event instanceof ReportArrived arrived) {
                if (indexed.add(arrived.reportId())) {
                    applyArrival(arrived, incoming, reports, now);
                }
            } else {
                applyTimeline(event);
            }
        }
    }

    /**
     * The ids of {@code ids} that the query finds. One array parameter, so the statement is the same for every batch;
     * PostgreSQL plans it for the array it gets (an index probe per id).
     */
    @SuppressWarnings("unchecked")
    private List<String> existing(String query, Stream<String> ids) {
        return entityManager.createNativeQuery(query, String.class)
                .setParameter(1, ids.distinct().toArray(String[]::new))
                .getResultList();
    }

    private void applyArrival(ReportArrived arrived, IncomingEvent incoming, Map<String, Report> reports,
            Instant now) {
        Report report = reports.get(arrived.reportKey());
        boolean known = report != null;
        if (!known) {
            report = new Report();
            report.reportKey = arrived.reportKey();
            report.firstSeenAt = now;
            report.latestVersion = 0;
            reports.put(report.reportKey, report);
        }
        report.clearingHouse = arrived.clearingHouse();
        report.sourceSystem = arrived.sourceSystem();
        report.reportCode = arrived.reportCode();
        report.participant = arrived.participant();
        report.businessDate = arrived.businessDate();
        report.installation = arrived.installation();
        report.account = arrived.account();
        report.fileName = arrived.fileName();
        report.remotePath = arrived.remotePath();
        report.practiceSessionId = arrived.practiceSessionId();
        report.latestVersion = report.latestVersion + 1;
        report.updatedAt = now;
        if (!known) {
            entityManager.persist(report); // complete before it is inserted: the batch carries its state as is
        }

        ReportVersion version = new ReportVersion();
        version.reportKey = arrived.reportKey();
        version.version = report.latestVersion;
        version.reportId = arrived.reportId();
        version.eventId = arrived.eventId();
        version.size = arrived.size();
        version.sha256 = arrived.sha256();
        version.remoteModifiedAt = arrived.remoteModifiedAt();
        version.fetchedAt = arrived.fetchedAt();
        version.dataCentre = arrived.dataCentre();
        version.host = arrived.host();
        version.archiveLocation = arrived.archiveLocation();
        version.mediaType = arrived.mediaType();
        version.practiceSession = arrived.practiceSession();
        version.practiceSessionId = arrived.practiceSessionId();
        version.kafkaTopic = incoming.topic();
        version.kafkaPartition = incoming.partition();
        version.kafkaOffset = incoming.offset();
        version.ingestedAt = now;
        entityManager.persist(version);
    }

    private void applyTimeline(RapEvent event) {
        FetchEvent row = new FetchEvent();
        row.eventId = event.eventId();
        row.eventType = event.type().cloudEventType();
        row.occurredAt = event.occurredAt();
        row.payload = new String(codec.write(event), StandardCharsets.UTF_8);
        if (event instanceof FetchFailed failed) {
            row.installation = failed.installation();
            row.account = failed.account();
        } else if (event instanceof HostFailover failover) {
            row.installation = failover.installation();
            row.account = failover.account();
        } else if (event instanceof DataCentreSwitched switched) {
            row.installation = switched.installation();
        } else if (event instanceof HostKeyRejected rejected) {
            row.installation = rejected.installation();
        } else if (event instanceof ReportRejected rejected) {
            row.installation = rejected.installation();
            row.account = rejected.account();
            row.reportKey = rejected.installation() + "/" + rejected.account() + "/" + rejected.remotePath();
        } else if (event instanceof SshKeyWarning warning) {
            row.installation = warning.installation();
            row.account = warning.account();
        } else if (event instanceof LoginCheckCompleted check) {
            row.installation = check.installation();
            row.practiceSessionId = check.practiceSessionId();
        } else if (event instanceof PracticeSessionConfigured configured) {
            row.practiceSessionId = configured.sessionId();
        } else if (event instanceof PracticeSessionStatusChanged changed) {
            row.practiceSessionId = changed.sessionId();
        } else if (event instanceof NotificationDelivered delivered) {
            row.practiceSessionId = delivered.practiceSessionId();
        }
        entityManager.persist(row);
    }
}
