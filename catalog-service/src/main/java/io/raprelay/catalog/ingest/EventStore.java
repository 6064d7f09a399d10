package io.raprelay.catalog.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.raprelay.catalog.model.FetchEvent;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.FetchFailed;
import io.raprelay.contracts.FetchRecovered;
import io.raprelay.contracts.HostFailover;
import io.raprelay.contracts.HostKeyRejected;
import io.raprelay.contracts.HostRecovered;
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

    private static final String INSERT_PROCESSED = """
            insert into processed_event (event_id, event_type, kafka_topic, kafka_partition, kafka_offset, processed_at)
            select * from unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::timestamptz[])""";
    /**
     * A known report keeps when it was first seen and its earliest production fetch, and takes the rest from its latest
     * arrival.
     */
    private static final String UPSERT_REPORTS = """
            insert into report (report_key, clearing_house, source_system, report_code, participant, business_date,
                                installation, account, file_name, remote_path, practice_session_id, latest_version,
                                first_fetched_at, first_seen_at, updated_at)
            select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[],
                                 ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::timestamptz[],
                                 ?::timestamptz[], ?::timestamptz[])
            on conflict (report_key) do update set clearing_house = excluded.clearing_house,
                source_system = excluded.source_system, report_code = excluded.report_code,
                participant = excluded.participant, business_date = excluded.business_date,
                installation = excluded.installation, account = excluded.account, file_name = excluded.file_name,
                remote_path = excluded.remote_path, practice_session_id = excluded.practice_session_id,
                latest_version = excluded.latest_version,
                first_fetched_at = least(report.first_fetched_at, excluded.first_fetched_at),
                updated_at = excluded.updated_at""";
    private static final String INSERT_VERSIONS = """
            insert into report_version (report_key, version, report_id, event_id, size, sha256, remote_modified_at,
                                        fetched_at, data_centre, host, archive_location, media_type, practice_session,
                                        practice_session_id, kafka_topic, kafka_partition, kafka_offset, ingested_at)
            select * from unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::timestamptz[],
                                 ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                                 ?::text[], ?::text[], ?::int[], ?::bigint[], ?::timestamptz[])""";

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
     * applied, the report ids already indexed and the versions of the reports already known (each with the batch's ids
     * as one array), then one multi-row statement per table ({@link ColumnArrays}).
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
        Map<String, Integer> latestVersions = new HashMap<>();
        if (!arrivals.isEmpty()) {
            indexed.addAll(existing("select report_id from report_version where report_id = any(?1)",
                    arrivals.stream().map(ReportArrived::reportId)));
            latestVersions.putAll(latestVersions(arrivals.stream().map(ReportArrived::reportKey)));
        }
        Instant now = clock.instant();
        ColumnArrays processed = new ColumnArrays(6);
        Map<String, ReportArrived> latestArrivals = new LinkedHashMap<>();
        Map<String, Instant> firstFetched = new HashMap<>();
        ColumnArrays versions = new ColumnArrays(18);
        for (IncomingEvent incoming : events) {
            RapEvent event = incoming.event();
            if (!applied.add(event.eventId())) {
                continue; // redelivered, or twice in this batch
            }
            processed.add(event.eventId(), event.type().cloudEventType(), incoming.topic(), incoming.partition(),
                    incoming.offset(), now);
            if (event instanceof ReportArrived arrived) {
                if (indexed.add(arrived.reportId())) {
                    int version = latestVersions.merge(arrived.reportKey(), 1, Integer::sum);
                    latestArrivals.put(arrived.reportKey(), arrived);
                    if (!arrived.practiceSession()) {
                        firstFetched.merge(arrived.reportKey(), arrived.fetchedAt(),
                                (a, b) -> a.isBefore(b) ? a : b);
                    }
                    versions.add(arrived.reportKey(), version, arrived.reportId(), arrived.eventId(), arrived.size(),
                            arrived.sha256(), arrived.remoteModifiedAt(), arrived.fetchedAt(), arrived.dataCentre(),
                            arrived.host(), arrived.archiveLocation(), arrived.mediaType(), arrived.practiceSession(),
                            arrived.practiceSessionId(), incoming.topic(), incoming.partition(), incoming.offset(),
                            now);
                }
            } else {
                applyTimeline(event);
            }
        }
        ColumnArrays reports = new ColumnArrays(15);
        latestArrivals.values().forEach(a -> reports.add(a.reportKey(), a.clearingHouse(), a.sourceSystem(),
                a.reportCode(), a.participant(), a.businessDate(), a.installation(), a.account(), a.fileName(),
                a.remotePath(), a.practiceSessionId(), latestVersions.get(a.reportKey()),
                firstFetched.get(a.reportKey()), now, now));
        write(processed, reports, versions);
    }

    /** The batch's rows, one statement per table, in this transaction's connection. */
    private void write(ColumnArrays processed, ColumnArrays reports, ColumnArrays versions) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            if (!processed.isEmpty()) {
                processed.execute(connection, INSERT_PROCESSED);
            }
            if (!reports.isEmpty()) {
                reports.execute(connection, UPSERT_REPORTS); // before their versions, which reference them
                versions.execute(connection, INSERT_VERSIONS);
            }
        });
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

    /** The latest version of each of these reports the catalog knows. */
    private Map<String, Integer> latestVersions(Stream<String> reportKeys) {
        Map<String, Integer> latest = new HashMap<>();
        entityManager.createNativeQuery("select report_key, latest_version from report where report_key = any(?1)",
                Object[].class)
                .setParameter(1, reportKeys.distinct().toArray(String[]::new))
                .getResultStream()
                .forEach(row -> latest.put((String) ((Object[]) row)[0], ((Number) ((Object[]) row)[1]).intValue()));
        return latest;
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
        } else if (event instanceof FetchRecovered recovered) {
            row.installation = recovered.installation();
            row.account = recovered.account();
        } else if (event instanceof HostFailover failover) {
            row.installation = failover.installation();
            row.account = failover.account();
        } else if (event instanceof HostRecovered recovered) {
            row.installation = recovered.installation();
            row.account = recovered.account();
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
