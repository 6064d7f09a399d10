package io.raprelay.notifier.delivery;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.notifier.contact.Channel;

/** One message for one contact on one channel about one event; unique on (event, contact, channel). */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    public enum Status {
        PENDING,
        SENT,
        FAILED,
        FALLEN_BACK,
        /** Not sent: a silence covered it, or the same failure was sent within the repeat interval. */
        SUPPRESSED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String eventId;
    public String eventType;
    public long contactId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String severity;
    public String subject;
    public String body;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    public Instant nextAttemptAt;
    public Long fallbackOf;
    public Instant createdAt;
    public Instant updatedAt;
    /** Same kind, site and reason: a repeat within the repeat interval is not sent again. */
    public String repeatKey;
    /** The W3C traceparent of what planned it: its delivery is a span of that trace. Null with tracing off. */
    public String traceParent;
    /** When its final state was published as NotificationDelivered; null: not yet (or not final). */
    public Instant reportedAt;
}
