package io.raprelay.catalog.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

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
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.ReportRejected;

/**
 * Applies events to the catalog. Each event id is recorded in the same transaction as its effect, so a redelivered
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

    /** Applies the events in one transaction; all or nothing. */
    public void apply(List<IncomingEvent> events) {
        QuarkusTransaction.requiringNew().run(() -> events.forEach(this::applyOne));
    }

    /** True when the database answers a trivial query. */
    public boolean databaseReachable() {
        try {
            return QuarkusTransaction.requiringNew()
                    .call(() -> entityManager.createNativeQuery("select 1").getSingleResult() != null);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void applyOne(IncomingEvent incoming) {
        RapEvent event = incoming.event();
        String eventId = event.eventId();
        if (ProcessedEvent.findById(eventId) != null) {
            return;
        }
        Instant now = clock.instant();
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = eventId;
        processed.eventType = event.type().cloudEventType();
        processed.kafkaTopic = incoming.topic();
        processed.kafkaPartition = incoming.partition();
        processed.kafkaOffset = incoming.offset();
        processed.processedAt = now;
        processed.persist();
        if (event instanceof ReportArrived arrived) {
            applyArrival(arrived, incoming, now);
        } else {
            applyTimeline(event, eventId);
        }
    }

    private void applyArrival(ReportArrived arrived, IncomingEvent incoming, Instant now) {
        if (ReportVersion.existsForReportId(arrived.reportId())) {
            return; // the same file version, already indexed
        }
        Report report = Report.findById(arrived.reportKey());
        if (report == null) {
            report = new Report();
            report.reportKey = arrived.reportKey();
            report.firstSeenAt = now;
            report.latestVersion = 0;
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
        report.latestVersion = report.latestVersion + 1;
        report.updatedAt = now;
        report.persist();

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
        version.kafkaTopic = incoming.topic();
        version.kafkaPartition = incoming.partition();
        version.kafkaOffset = incoming.offset();
        version.ingestedAt = now;
        version.persist();
    }

    private void applyTimeline(RapEvent event, String eventId) {
        FetchEvent row = new FetchEvent();
        row.eventId = eventId;
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
        }
        row.persist();
    }
}
