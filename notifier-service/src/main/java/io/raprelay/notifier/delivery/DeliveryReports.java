package io.raprelay.notifier.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.raprelay.contracts.EventType;
import io.raprelay.contracts.NotificationDelivered;
import io.raprelay.contracts.RapEvent;
import io.raprelay.notifier.contact.Channel;
import io.raprelay.notifier.contact.Contact;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes each notification's final state (SENT or FAILED) as {@link NotificationDelivered}: who was told what, on
 * which channel (the address masked). An outbox: a notification is marked reported only once Kafka has the event, so a
 * broker outage delays the reports and loses none; the stable event id lets a consumer drop a repeat. Run by
 * {@link DeliveryReportTicker}.
 */
@ApplicationScoped
public class DeliveryReports {

    private static final URI SOURCE = URI.create("urn:rap-relay:notifier");
    private static final String TYPE = EventType.NOTIFICATION_DELIVERED.cloudEventType();
    private static final int BATCH = 200;

    private final MutinyEmitter<RapEvent> emitter;
    private final Clock clock;

    public DeliveryReports(
            @org.eclipse.microprofile.reactive.messaging.Channel("notifications") MutinyEmitter<RapEvent> emitter,
            Clock clock) {
        this.emitter = emitter;
        this.clock = clock;
    }

    /** Publishes the final states not reported yet, oldest first; returns how many were published. */
    public int publishDue() {
        int published = 0;
        while (true) {
            List<Notification> due = QuarkusTransaction.requiringNew().call(() -> Notification
                    .<Notification>find("reportedAt is null and status in ?1 order by id",
                            List.of(Notification.Status.SENT, Notification.Status.FAILED))
                    .page(0, BATCH).list());
            for (Notification n : due) {
                NotificationDelivered event = QuarkusTransaction.requiringNew().call(() -> event(n));
                Message<RapEvent> message = Message.<RapEvent>of(event)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.kafkaKey()).build())
                        .addMetadata(OutgoingCloudEventMetadata.builder().withId(event.eventId()).withType(TYPE)
                                .withSource(SOURCE).withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                                .build());
                emitter.sendMessage(message).await().atMost(Duration.ofSeconds(15));
                Instant now = clock.instant();
                QuarkusTransaction.requiringNew().run(() -> Notification.update("reportedAt = ?1 where id = ?2", now,
                        n.id));
                published++;
            }
            if (due.size() < BATCH) {
                return published;
            }
        }
    }

    private static NotificationDelivered event(Notification n) {
        Contact contact = Contact.findById(n.contactId);
        String name = contact == null ? "contact " + n.contactId : contact.name;
        String address = contact == null
                ? "(removed)"
                : n.channel == Channel.EMAIL ? maskEmail(contact.email) : maskMobile(contact.mobile);
        String subject = n.subject == null || n.subject.isBlank() ? "(no subject)" : n.subject;
        return new NotificationDelivered("delivery-" + n.id, n.updatedAt, n.id, n.eventId, n.eventType,
                practiceSessionId(n.eventId), n.contactId, truncate(name, 200),
                NotificationDelivered.Channel.valueOf(n.channel.name()), address, n.severity,
                truncate(subject, 1000), n.status == Notification.Status.SENT
                        ? NotificationDelivered.Outcome.SENT
                        : NotificationDelivered.Outcome.FAILED,
                Math.max(1, Math.min(1000, n.attempts)));
    }

    /** {@code practice:{session}:{kind}:{millis}} names its session; other events none. */
    static String practiceSessionId(String eventId) {
        if (eventId == null || !eventId.startsWith("practice:")) {
            return null;
        }
        String rest = eventId.substring("practice:".length());
        int millis = rest.lastIndexOf(':');
        int kind = millis > 0 ? rest.lastIndexOf(':', millis - 1) : -1;
        return kind > 0 ? rest.substring(0, kind) : null;
    }

    static String maskEmail(String email) {
        if (email == null || email.isBlank()) {
            return "(none)";
        }
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    static String maskMobile(String mobile) {
        if (mobile == null || mobile.isBlank()) {
            return "(none)";
        }
        if (mobile.length() <= 8) {
            return "****" + mobile.substring(Math.max(0, mobile.length() - 2));
        }
        return mobile.substring(0, 4) + "*".repeat(mobile.length() - 8) + mobile.substring(mobile.length() - 4);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
