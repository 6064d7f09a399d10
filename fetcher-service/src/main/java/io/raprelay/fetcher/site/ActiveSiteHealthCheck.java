package io.raprelay.fetcher.site;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.raprelay.contracts.Installation;
import io.raprelay.fetcher.poll.HostSelection;

/**
 * Readiness of the active RAP site: DOWN when no host of an installation's active data centre answered a poll within
 * {@code fetcher.poll.readiness-intervals} poll intervals (after the same grace period from start-up).
 */
@Readiness
@ApplicationScoped
public class ActiveSiteHealthCheck implements HealthCheck {

    private final Sites sites;
    private final HostSelection selection;
    private final DataCentreService dataCentres;
    private final Duration window;
    private final Clock clock;
    private final Instant started;

    public ActiveSiteHealthCheck(Sites sites, HostSelection selection, DataCentreService dataCentres,
            FetcherConfig config, Clock clock) {
        this.sites = sites;
        this.selection = selection;
        this.dataCentres = dataCentres;
        this.window = config.poll().interval().multipliedBy(config.poll().readinessIntervals())
                .plus(config.poll().initialDelay()).plus(config.poll().connectTimeout());
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public HealthCheckResponse call() {
        Instant now = clock.instant();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("RAP active site").up();
        for (Installation installation : sites.installations()) {
            ActiveDataCentre active = dataCentres.active(installation);
            Instant lastSuccess = selection.statuses(installation).stream()
                    .filter(s -> s.host().dataCentre() == active.dataCentre())
                    .map(HostStatus::lastSuccess)
                    .filter(t -> t != null)
                    .max(Instant::compareTo)
                    .orElse(null);
            response.withData(installation + ".dataCentre", active.dataCentre().name());
            response.withData(installation + ".lastSuccessfulPoll", String.valueOf(lastSuccess));
            boolean fresh = lastSuccess != null
                    ? lastSuccess.isAfter(now.minus(window))
                    : now.isBefore(started.plus(window));
            if (!fresh) {
                response.down();
            }
        }
        return response.build();
    }
}
