package io.raprelay.catalog.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.raprelay.contracts.ClearingHouse;

/**
 * The catalog's schedule metrics on {@code /q/metrics}, every series exported from the start:
 * {@code raprelay_catalog_expected_reports_today{status}} (today's expected reports, Hong Kong, by
 * {@link Completeness.Status}; worked out at most every 30 s, however often it is scraped) and
 * {@code raprelay_catalog_reports_overdue_total{clearing_house}} (each {@code ReportOverdue} published).
 */
@Startup
@ApplicationScoped
public class CompletenessMetrics {

    private static final Duration FRESH_FOR = Duration.ofSeconds(30);

    private final CompletenessService completeness;
    private final MeterRegistry registry;
    private final Clock clock;
    private Instant workedOutAt = Instant.MIN;
    private Completeness.Summary today;

    public CompletenessMetrics(CompletenessService completeness, MeterRegistry registry, Clock clock) {
        this.completeness = completeness;
        this.registry = registry;
        this.clock = clock;
        for (Completeness.Status status : Completeness.Status.values()) {
            registry.gauge("raprelay.catalog.expected.reports.today", Tags.of("status", status.name()), this,
                    m -> m.today(status));
        }
        for (ClearingHouse house : ClearingHouse.values()) {
            counter(house);
        }
    }

    void overdue(ClearingHouse house) {
        counter(house).increment();
    }

    private Counter counter(ClearingHouse house) {
        return registry.counter("raprelay.catalog.reports.overdue", "clearing_house", house.name());
    }

    private synchronized double today(Completeness.Status status) {
        Instant now = clock.instant();
        if (today == null || now.isAfter(workedOutAt.plus(FRESH_FOR))) {
            today = completeness.day(LocalDate.ofInstant(now, Completeness.HONG_KONG)).summary();
            workedOutAt = now;
        }
        return switch (status) {
            case RECEIVED -> today.received();
            case LATE -> today.late();
            case MISSING -> today.missing();
            case PENDING -> today.pending();
        };
    }
}
