package io.raprelay.notifier.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.EventType;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.Traces;
import io.raprelay.notifier.NotifierConfig;
import io.raprelay.notifier.contact.Severity;
import io.raprelay.notifier.delivery.DeliveryService;

/**
 * Arrivals become digests: one per clearing house and business date per window ("42 reports arrived for HKSCC,
 * business date 2025-06-20, 2 re-issued"), the window opening with the group's first arrival. Each arrival is
 * recorded once (its event id) and taken by exactly one digest; the digest's id is derived from its group and first
 * arrival, so its notifications are planned once.
 */
@ApplicationScoped
public class DigestService {

    private static final String TYPE = EventType.REPORT_ARRIVED.cloudEventType();

    private final EntityManager entityManager;
    private final NotificationPlanner planner;
    private final DeliveryService delivery;
    private final Duration window;
    private final Clock clock;
    private final Tracer tracer;
    private volatile boolean stopping;

    public DigestService(EntityManager entityManager, NotificationPlanner planner, DeliveryService delivery,
            NotifierConfig config, Clock clock, Tracer tracer) {
        this.tracer = tracer;
        this.entityManager = entityManager;
        this.planner = planner;
        this.delivery = delivery;
        this.window = config.digest().window();
        this.clock = clock;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Records an arrival for the next digest of its group; a redelivered one changes nothing. */
    public void record(ReportArrived arrival) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                insert into arrival (event_id, report_key, report_id, clearing_house, source_system, business_date,
                                     received_at, trace_parent)
                values (:eventId, :reportKey, :reportId, :house, :system, :date, :at, :trace)
                on conflict do nothing""")
                .setParameter("trace", Traces.traceparent())
                .setParameter("eventId", arrival.eventId()).setParameter("reportKey", arrival.reportKey())
                .setParameter("reportId", arrival.reportId()).setParameter("house", arrival.clearingHouse().name())
                .setParameter("system", arrival.sourceSystem().name()).setParameter("date", arrival.businessDate())
                .setParameter("at", clock.instant()).executeUpdate());
    }

    @Scheduled(every = "{notifier.digest.check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeDueWindows() {
        if (!stopping) {
            closeWindows(clock.instant());
        }
    }

    /** Closes every group whose window (from its first pending arrival) has passed; returns the digests made. */
    public int closeWindows(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                select clearing_house, business_date, min(received_at) from arrival where digest_id is null
                group by clearing_house, business_date having min(received_at) <= :closed""")
                .setParameter("closed", now.minus(window)).getResultList());
        int digests = 0;
        for (Object[] group : due) {
            ClearingHouse house = ClearingHouse.valueOf((String) group[0]);
            LocalDate date = group[1] instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) group[1];
            Instant first = group[2] instanceof java.sql.Timestamp ts
                    ? ts.toInstant()
                    : group[2] instanceof java.time.OffsetDateTime odt ? odt.toInstant() : (Instant) group[2];
            List<Long> planned = traced(house, date, () -> QuarkusTransaction.requiringNew()
                    .call(() -> digest(house, date, first)));
            planned.forEach(delivery::submit);
            digests++;
        }
        return digests;
    }

    /**
     * A digest goes on the trace of its group's first pending arrival (its notifications' deliveries with it), and
     * links the traces of the others (up to 100), so each report's trace leads to the digest that told of it.
     */
    private List<Long> traced(ClearingHouse house, LocalDate date, Supplier<List<Long>> digest) {
        @SuppressWarnings("unchecked")
        List<String> traces = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                select trace_parent from arrival where digest_id is null and clearing_house = :house
                and business_date = :date and trace_parent is not null order by received_at, event_id limit 101""")
                .setParameter("house", house.name()).setParameter("date", date).getResultList());
        SpanBuilder builder = tracer.spanBuilder("rap.digest").setAttribute("rap.clearing_house", house.name())
                .setAttribute("rap.business_date", date.toString())
                .setParent(traces.isEmpty() ? Context.root() : Traces.fromTraceparent(traces.get(0)));
        traces.stream().skip(1).map(t -> Span.fromContext(Traces.fromTraceparent(t)).getSpanContext())
                .filter(SpanContext::isValid).forEach(builder::addLink);
        Span span = builder.startSpan();
        try (Scope scope = Traces.enter(span)) {
            return digest.get();
        } finally {
            span.end();
        }
    }

    private List<Long> digest(ClearingHouse house, LocalDate date, Instant first) {
        String digestId = "digest:" + house + ":" + date + ":" + first.toEpochMilli();
        int taken = entityManager.createNativeQuery("""
                update arrival set digest_id = :digest
                where digest_id is null and clearing_house = :house and business_date = :date""")
                .setParameter("digest", digestId).setParameter("house", house.name()).setParameter("date", date)
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> counts = entityManager.createNativeQuery("""
                select a.source_system, count(*),
                       count(*) filter (where exists (select 1 from arrival b where b.report_key = a.report_key
                                                       and b.report_id <> a.report_id and b.received_at <= a.received_at
                                                       and b.event_id <> a.event_id))
                from arrival a where a.digest_id = :digest group by a.source_system order by a.source_system""")
                .setParameter("digest", digestId).getResultList();
        Map<String, String> facts = new LinkedHashMap<>();
        Map<String, Long> bySystem = new TreeMap<>();
        long reissued = 0;
        for (Object[] row : counts) {
            bySystem.put((String) row[0], ((Number) row[1]).longValue());
            reissued += ((Number) row[2]).longValue();
        }
        facts.put("business date", date.toString());
        bySystem.forEach((system, count) -> facts.put(system, count + " report" + (count == 1 ? "" : "s")));
        facts.put("re-issued", String.valueOf(reissued));
        facts.put("first arrival", Alert.HKT.format(first));
        String reissuedEn = reissued == 0 ? "" : ", " + reissued + " re-issued";
        String reissuedZh = reissued == 0 ? "" : "，" + reissued + " 份重發";
        Alert alert = new Alert(Severity.INFO, Set.of(house), Map.of(
                "en", "[RAP Relay] " + taken + " report" + (taken == 1 ? "" : "s") + " arrived for " + house
                        + ", business date " + date + reissuedEn,
                "zh-HK", "[RAP Relay] " + house + " 已收到 " + taken + " 份報表（業務日期 " + date + reissuedZh + "）"),
                facts);
        Log.infof("Digest %s: %d arrivals%s", digestId, taken, reissuedEn);
        return planner.raise(NotificationPlanner.Notice.of(digestId, TYPE, alert,
                NotificationPlanner.Audience.SUBSCRIBERS));
    }
}
