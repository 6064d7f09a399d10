package io.raprelay.catalog.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the catalog's writers: down, with the reason, while ingest or the overdue check waits out a transient
 * failure (database down, read-only, full, a revoked grant), up again at their next success.
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
