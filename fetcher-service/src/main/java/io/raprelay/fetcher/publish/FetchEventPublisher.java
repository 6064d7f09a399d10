package io.raprelay.fetcher.publish;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.InvalidEventException;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportArrived;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes the fetcher's events: {@link ReportArrived} on {@code rap.reports}, every other event on
 * {@code rap.fetch-events}, each with its CloudEvents headers and Kafka key. {@link #publish} returns only once Kafka
 * acknowledged the record with {@code acks=all}; callers mark a file fetched only after that (no fire-and-forget).
 */
@ApplicationScoped
public class FetchEventPublisher {

    static final URI SOURCE = URI.create("urn:rap-relay:fetcher");
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final MutinyEmitter<RapEvent> reports;
    private final MutinyEmitter<RapEvent> fetchEvents;
    private final EventCodec codec = new EventCodec();

    public FetchEventPublisher(@Channel("reports-out") MutinyEmitter<RapEvent> reports,
            @Channel("fetch-events-out") MutinyEmitter<RapEvent> fetchEvents) {
        this.reports = reports;
        this.fetchEvents = fetchEvents;
    }

    // Static, and set by static observers: asking must not create this bean, whose emitters cannot be injected
    // before Reactive Messaging has registered the channels (SRMSG00019).
    private static volatile boolean ready;

    /**
     * Reactive Messaging connects the emitters while the application starts, at a library priority; this observer
     * runs after it. Camel may start polling earlier, so polls wait for {@link #isReady()}.
     */
    static void onStart(@Observes StartupEvent event) {
        ready = true;
    }

    /** Camel may still poll while the application stops and the channels disconnect. */
    static void onStop(@Observes ShutdownEvent event) {
        ready = false;
    }

    /** True once the Kafka channels are connected and events can be sent. */
    public static boolean isReady() {
        return ready;
    }

    /**
     * Checks the event against its schema, then sends it and waits for the broker's acknowledgement.
     *
     * @throws InvalidEventException
     *             when the event breaks its contract (nothing is sent)
     * @throws RuntimeException
     *             when Kafka refused or did not answer in time
     */
    public void publish(RapEvent event) {
        codec.check(event); // an event that breaks its contract is never sent: the caller refuses the file instead
        Message<RapEvent> message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.kafkaKey()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId())
                        .withType(event.type().cloudEventType())
                        .withSource(SOURCE)
                        .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                        .build())
                // The producer span is a child of the caller's (a report's fetch): its traceparent goes in the headers.
                .addMetadata(TracingMetadata.withCurrent(Context.current()));
        MutinyEmitter<RapEvent> emitter = event instanceof ReportArrived ? reports : fetchEvents;
        emitter.sendMessage(message).await().atMost(ACK_TIMEOUT);
    }
}
