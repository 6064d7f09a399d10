package io.raprelay.notifier.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes the delivery reports every {@code notifier.delivery.report-interval}, once the application has started:
 * {@link DeliveryReports} holds a Kafka emitter, which cannot be created before Reactive Messaging connected its
 * channels (a run at start would fail creating it).
 */
@ApplicationScoped
class DeliveryReportTicker {

    private final Instance<DeliveryReports> reports;
    private volatile boolean running;

    DeliveryReportTicker(Instance<DeliveryReports> reports) {
        this.reports = reports;
    }

    /** Runs after Reactive Messaging's own start observer (it observes at a library priority). */
    void onStart(@Observes StartupEvent event) {
        running = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    @Scheduled(every = "{notifier.delivery.report-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!running) {
            return;
        }
        try {
            reports.get().publishDue();
        } catch (RuntimeException e) {
            Log.warnf("Delivery reports not published (%s); tried again at the next run", e.getMessage());
        }
    }
}
