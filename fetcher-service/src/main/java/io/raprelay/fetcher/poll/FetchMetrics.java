package io.raprelay.fetcher.poll;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.FailureReason;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.RejectionReason;
import io.raprelay.fetcher.site.DataCentreService;
import io.raprelay.fetcher.site.RapAccount;

/** The fetcher's Prometheus metrics ({@code /q/metrics}): files, bytes, poll time, failures, active data centre. */
@ApplicationScoped
public class FetchMetrics {

    private final MeterRegistry registry;

    public FetchMetrics(MeterRegistry registry, DataCentreService dataCentres) {
        this.registry = registry;
        for (Installation installation : Installation.values()) {
            // 0 = PRIMARY, 1 = SECONDARY: alert when it stays 1 past a drill.
            registry.gauge("rap.fetcher.data.centre", Tags.of("installation", installation.name()), dataCentres,
                    d -> d.active(installation).dataCentre() == DataCentre.SECONDARY ? 1 : 0);
        }
    }

    void fetched(RapAccount account, long bytes) {
        registry.counter("rap.fetcher.files.fetched", tags(account)).increment();
        registry.counter("rap.fetcher.bytes.fetched", tags(account)).increment(bytes);
    }

    void rejected(RapAccount account, RejectionReason reason) {
        registry.counter("rap.fetcher.files.rejected", tags(account).and("reason", reason.name())).increment();
    }

    void polled(RapAccount account, Duration duration) {
        registry.timer("rap.fetcher.poll", tags(account)).record(duration);
    }

    void failed(RapAccount account, FailureReason reason) {
        registry.counter("rap.fetcher.poll.failures", tags(account).and("reason", reason.name())).increment();
    }

    private static Tags tags(RapAccount account) {
        return Tags.of("installation", account.installation().name(), "account", account.user());
    }
}
