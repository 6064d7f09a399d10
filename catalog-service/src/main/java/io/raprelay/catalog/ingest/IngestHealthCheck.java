package io.raprelay.catalog.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.logging.Log;
import io.raprelay.contracts.FailurePolicy;

/**
 * Readiness of the catalog's writers: down, with the reason, while ingest, the overdue check or the business-day check
 * waits out a transient failure (database down, read-only, full, a revoked grant), up again at their next success.
 */
@Readiness
@ApplicationScoped
public class IngestHealthCheck implements HealthCheck {

    private final Map<String, String> paused = new ConcurrentHashMap<>();

    /** Marks a writer as waiting on a transient failure. */
    public void pause(String writer, String reason) {
        paused.put(writer, reason);
    }

    /** Marks a writer as working again. */
    /**
     * Runs a periodic writer's work (the overdue and business-day checks) under the failure policy: a transient
     * failure (database down, read-only, full) marks readiness down under the writer's name until a run works again;
     * any failure is left to the next run, which redoes it, since nothing was recorded for work not done.
     */
    public void runPeriodically(String writer, String what, Runnable work) {
        try {
            work.run();
            resume(writer);
        } catch (RuntimeException e) {
            if (FailurePolicy.classify(e) == FailurePolicy.Kind.TRANSIENT) {
                pause(writer, FailurePolicy.reason(e));
                Log.warnf("%s cannot write (%s); retried at the next check", what, FailurePolicy.reason(e));
            } else {
                Log.errorf(e, "%s failed; retried at the next check", what);
            }
        }
    }

    public void resume(String writer) {
        paused.remove(writer);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("catalog-writes").status(paused.isEmpty());
        paused.forEach(response::withData);
        return response.build();
    }
}
