package io.raprelay.notifier.alert;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.InvalidEventException;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.notifier.delivery.DeliveryService;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Turns the fetcher's and the catalog's events into notifications: arrivals into digests ({@link DigestService}),
 * failures, failovers, data-centre switches,
 * host-key rejections, refused files, overdue reports and altered archives, each sent at once (failures are never
 * delayed): the notifications are recorded before the record is acknowledged, then handed to the delivery threads. A
 * record that is not a valid event goes to {@code {topic}.notifier.dlq}; when the database is down
 * the record waits (nothing committed) and is retried, so no notice is lost.
 */
@ApplicationScoped
public class AlertConsumer {

    private static final Logger LOG = Logger.getLogger(AlertConsumer.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final EventCodec codec;
    private final NotificationPlanner planner;
    private final DeliveryService delivery;
    private final DeadLetters deadLetters;
    private final DigestService digests;

    public AlertConsumer(EventCodec codec, NotificationPlanner planner, DeliveryService delivery,
            DeadLetters deadLetters, DigestService digests) {
        this.codec = codec;
        this.planner = planner;
        this.delivery = delivery;
        this.deadLetters = deadLetters;
        this.digests = digests;
    }

    @Incoming("alerts")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        RapEvent event;
        try {
            if (record.value() == null) {
                throw new InvalidEventException("unknown", List.of("$: empty record"));
            }
            Header type = record.headers().lastHeader("ce_type");
            event = codec.read(record.value(), type == null ? null : new String(type.value(), StandardCharsets.UTF_8));
        } catch (InvalidEventException e) {
            deadLetters.send(record, String.join("; ", e.problems()));
            return;
        }
        Alert alert = Alert.of(event);
        if (alert == null && !(event instanceof ReportArrived)) {
            return;
        }
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                if (event instanceof ReportArrived arrival) {
                    digests.record(arrival); // sent with the digest of its clearing house and business date
                    return;
                }
                // Recorded (PENDING) before the offset moves on; sent by the delivery threads.
                planner.plan(event, alert).forEach(delivery::submit);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Cannot record the notifications of %s %s (%s); retrying in %d ms",
                        event.type().cloudEventType(), event.eventId(), e.getMessage(), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
