package io.raprelay.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.raprelay.notifier.contact.Channel;

/**
 * The notifier's delivery metrics on {@code /q/metrics}, all exported from the start (at 0) so that alert rules see
 * the first change: {@code raprelay_notifier_delivery_attempts_total{channel, outcome}} (each attempt, {@code SENT} or
 * {@code FAILED}) and {@code raprelay_notifier_oldest_pending_delivery_seconds} (how long the oldest notification
 * still due has waited; 0 when none is: what a stuck SMTP server or SMS gateway shows first).
 */
@Startup
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        for (Channel channel : Channel.values()) {
            attempts(channel, true);
            attempts(channel, false);
        }
        registry.gauge("raprelay.notifier.oldest.pending.delivery.seconds", clock,
                c -> oldestPending(c.instant()).toSeconds());
    }

    void attempted(Channel channel, boolean sent) {
        attempts(channel, sent).increment();
    }

    private Counter attempts(Channel channel, boolean sent) {
        return registry.counter("raprelay.notifier.delivery.attempts", "channel", channel.name(), "outcome",
                sent ? "SENT" : "FAILED");
    }

    private static Duration oldestPending(Instant now) {
        Instant oldest = QuarkusTransaction.requiringNew().call(() -> Notification.getEntityManager()
                .createQuery("select min(n.createdAt) from Notification n where n.status = :pending", Instant.class)
                .setParameter("pending", Notification.Status.PENDING).getSingleResult());
        return oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
    }
}
