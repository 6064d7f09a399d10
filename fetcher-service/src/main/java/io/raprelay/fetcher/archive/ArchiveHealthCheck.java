package io.raprelay.fetcher.archive;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the archive, and the back-off while it cannot be written (full, read-only, I/O error): down with the
 * reason from the first failed write until a write succeeds again. While it is down, one write at a time is let
 * through as a probe, at doubling intervals (5 s, 10 s, then every 20 s: one failed write per 20 s costs nothing, and
 * the burst waits at most 20 s after space returns); every other file stays unmarked and is fetched once the archive
 * takes writes again. The first failure of an outage is alerted once ({@link #shouldAlert()}).
 */
@Readiness
@ApplicationScoped
public class ArchiveHealthCheck implements HealthCheck {

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

    private Instant failingSince;
    private String detail;
    private Instant nextProbe;
    private Duration backoff = FIRST_BACKOFF;
    private boolean alerted;

    /** True when a write may be tried now: always while healthy, once per back-off interval while failing. */
    public synchronized boolean mayWrite(Instant now) {
        if (failingSince == null) {
            return true;
        }
        if (now.isBefore(nextProbe)) {
            return false;
        }
        nextProbe = now.plus(backoff); // this write is the probe: the others wait for its outcome or the interval
        return true;
    }

    /** Records a failed write; the outage starts with the first. */
    public synchronized void failed(String reason, Instant now) {
        if (failingSince == null) {
            failingSince = now;
            backoff = FIRST_BACKOFF;
        } else {
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        detail = reason;
        nextProbe = now.plus(backoff);
    }

    /** True once per outage until {@link #alertSent()}: a failed publish is tried again at the next failure. */
    public synchronized boolean shouldAlert() {
        return failingSince != null && !alerted;
    }

    public synchronized void alertSent() {
        alerted = true;
    }

    /** When the current outage began, or null while the archive is healthy. */
    public synchronized Instant failingSince() {
        return failingSince;
    }

    /** Records a successful write; returns the outage that ended, or null when there was none. */
    public synchronized Duration succeeded(Instant now) {
        if (failingSince == null) {
            return null;
        }
        Duration outage = Duration.between(failingSince, now);
        failingSince = null;
        detail = null;
        alerted = false;
        return outage;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        return failingSince == null
                ? HealthCheckResponse.up("archive")
                : HealthCheckResponse.named("archive").down().withData("failingSince", failingSince.toString())
                        .withData("detail", detail).build();
    }
}
