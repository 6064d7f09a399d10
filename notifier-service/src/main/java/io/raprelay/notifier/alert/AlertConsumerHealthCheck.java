package io.raprelay.notifier.alert;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.logging.Log;
import io.raprelay.contracts.FailurePolicy;

/**
 * Readiness of the alert consumer: down, with the reason, while it waits out a transient failure (database down,
 * read-only or full) under the failure policy; up again once the record it holds is recorded.
 */
@Readiness
@ApplicationScoped
public class AlertConsumerHealthCheck implements HealthCheck, FailurePolicy.PauseListener {

    private final AtomicReference<String> pausedBy = new AtomicReference<>();

    @Override
    public void paused(String reason) {
        Log.warnf("Alert consumer paused, nothing committed, retrying with backoff: %s", reason);
        pausedBy.set(reason);
    }

    @Override
    public void resumed() {
        Log.infof("Alert consumer resumed");
        pausedBy.set(null);
    }

    @Override
    public HealthCheckResponse call() {
        String reason = pausedBy.get();
        return reason == null
                ? HealthCheckResponse.up("alert-consumer")
                : HealthCheckResponse.named("alert-consumer").down().withData("paused", reason).build();
    }
}
