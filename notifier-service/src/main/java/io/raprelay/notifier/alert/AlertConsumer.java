package io.raprelay.notifier.alert;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.raprelay.contracts.ArchiveRestored;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.FailurePolicy;
import io.raprelay.contracts.FetchRecovered;
import io.raprelay.contracts.HostRecovered;
import io.raprelay.contracts.InvalidEventException;
import io.raprelay.contracts.LoginCheckCompleted;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.ReportOverdueResolved;
import io.raprelay.contracts.Traces;
import io.raprelay.notifier.alert.NotificationPlanner.Audience;
import io.raprelay.notifier.alert.NotificationPlanner.Notice;
import io.raprelay.notifier.contact.Channel;
import io.raprelay.notifier.delivery.DeliveryService;
import io.raprelay.notifier.site.ActiveDataCentres;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Turns the fetcher's and the catalog's events into notifications: arrivals into digests ({@link DigestService}),
 * failures, failovers, data-centre switches, host-key rejections, refused files, overdue reports and altered archives,
 * each sent at once (failures are never delayed), and the end of a cause (an overdue report's late arrival, an account
 * reachable again) to exactly those who were told of it. The notifications are recorded before the record is
 * acknowledged, then handed to the delivery
 * threads. The one failure policy ({@link FailurePolicy}) holds: a record that is not a valid event, or that the
 * database can never take, goes to {@code {topic}.notifier.dlq} (after bounded attempts) and the partition moves on;
 * while the database is down, read-only or full the record waits, nothing is committed and readiness is down, so no
 * notice is lost and none is stuck behind a bad record.
 */
@ApplicationScoped
public class AlertConsumer {

    private final EventCodec codec;
    private final NotificationPlanner planner;
    private final DeliveryService delivery;
    private final DeadLetters deadLetters;
    private final DigestService digests;
    private final FailurePolicy policy;
    private final ActiveDataCentres dataCentres;
    private final SessionContacts sessionContacts;
    private final Tracer tracer;

    public AlertConsumer(EventCodec codec, NotificationPlanner planner, DeliveryService delivery,
            DeadLetters deadLetters, DigestService digests, @Readiness AlertConsumerHealthCheck health,
            ActiveDataCentres dataCentres, SessionContacts sessionContacts, Tracer tracer) {
        this.tracer = tracer;
        this.sessionContacts = sessionContacts;
        this.dataCentres = dataCentres;
        this.codec = codec;
        this.planner = planner;
        this.delivery = delivery;
        this.deadLetters = deadLetters;
        this.digests = digests;
        this.policy = new FailurePolicy(Duration.ofMillis(500), Duration.ofSeconds(30), health);
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
        // The event's trace goes on here: notifications planned inside carry it to their delivery.
        Span span = tracer.spanBuilder("rap.alert").setSpanKind(SpanKind.CONSUMER)
                .setParent(Traces.fromHeaders(record.headers()))
                .setAttribute("rap.event_type", event.type().cloudEventType())
                .setAttribute("rap.event_id", event.eventId()).startSpan();
        try (Scope scope = Traces.enter(span)) {
            plan(record, event, alert);
        } finally {
            span.end();
        }
    }

    /** The earlier alerts an event says have ended: whoever was told of one is told it ended. */
    private static List<String> ended(RapEvent event) {
        if (event instanceof ReportOverdueResolved e) {
            return List.of(e.overdueEventId());
        }
        if (event instanceof FetchRecovered e) {
            return e.failureEventIds();
        }
        if (event instanceof HostRecovered e) {
            return e.failoverEventIds();
        }
        return event instanceof ArchiveRestored e ? e.alteredEventIds() : List.of();
    }

    private void plan(ConsumerRecord<String, byte[]> record, RapEvent event, Alert alert) throws InterruptedException {
        Optional<String> poison = policy.run(event.type().cloudEventType() + " " + event.eventId(), () -> {
            if (event instanceof ReportArrived arrival) {
                if (!arrival.practiceSession()) {
                    digests.record(arrival); // sent with the digest of its clearing house and business date
                }
            } else {
                if (event instanceof DataCentreSwitched switched) {
                    dataCentres.record(switched); // the practice-session checks compare parts with it
                    if (switched.to() == DataCentre.PRIMARY && !switched.reminder()) {
                        // Back on the primary: the switch away and its reminders are over (told by this notice).
                        planner.resolveOpen(event.type().cloudEventType(), alert.clearingHouses(), event.eventId());
                    }
                }
                // Recorded (PENDING) before the offset moves on; sent by the delivery threads.
                List<String> ended = ended(event);
                planner.raise(ended.isEmpty()
                        ? Notice.of(event, alert)
                        : Notice.of(event.eventId(), event.type().cloudEventType(), alert, new Audience.ToldOf(ended)))
                        .forEach(delivery::submit);
                if (event instanceof LoginCheckCompleted check && !check.passed()
                        && check.practiceSessionId() != null) {
                    // A failed check before or during a practice session also reaches the session's own contacts.
                    planner.raise(Notice.of(event.eventId(), event.type().cloudEventType(), alert,
                            new Audience.Contacts(sessionContacts.of(check.practiceSessionId()),
                                    EnumSet.allOf(Channel.class))))
                            .forEach(delivery::submit);
                }
            }
        });
        if (poison.isPresent()) {
            Span.current().setStatus(StatusCode.ERROR, "dead-lettered: " + poison.get());
            deadLetters.send(record, "refused by the database: " + poison.get());
        }
    }
}
