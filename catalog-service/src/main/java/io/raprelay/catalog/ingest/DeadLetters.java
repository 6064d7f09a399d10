package io.raprelay.catalog.ingest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.raprelay.contracts.DeadLetter;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RecordDeadLettered;
import io.raprelay.contracts.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends a record the catalog can never apply to {@code {topic}.catalog.dlq} by the contract's recipe
 * ({@link DeadLetter}), then raises {@link RecordDeadLettered} on {@code rap.dead-letter-alerts} and counts it in
 * {@code raprelay_dead_letters_total}. Returns once Kafka acknowledged both, so the source offset is committed only
 * after; a failure on the way leaves the record to be read and dead-lettered again under the same alert id.
 */
@ApplicationScoped
public class DeadLetters {

    static final String SERVICE = "catalog";
    private static final URI SOURCE = URI.create("urn:rap-relay:catalog");
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final MutinyEmitter<byte[]> emitter;
    private final MutinyEmitter<RapEvent> alerts;
    private final DeadLetterCounts counts;
    private final Clock clock;

    public DeadLetters(@Channel("dead-letters") MutinyEmitter<byte[]> emitter,
            @Channel("dead-letter-alerts") MutinyEmitter<RapEvent> alerts, DeadLetterCounts counts, Clock clock) {
        this.emitter = emitter;
        this.alerts = alerts;
        this.counts = counts;
        this.clock = clock;
    }

    /** Dead-letters {@code record}, whose value came as {@code raw} (null for an empty record). */
    public void send(ConsumerRecord<String, ?> record, byte[] raw, String reason) {
        String topic = Topics.deadLetter(record.topic(), SERVICE);
        Message<byte[]> message = Message.of(raw == null ? new byte[0] : raw)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(topic)
                        .withKey(record.key())
                        .withHeaders(DeadLetter.headers(record, reason))
                        .build());
        emitter.sendMessage(message).await().atMost(ACK_TIMEOUT);
        RecordDeadLettered alert = DeadLetter.alert(SERVICE, record, reason, clock.instant());
        alerts.sendMessage(Message.<RapEvent>of(alert)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(alert.kafkaKey()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(alert.eventId())
                        .withType(alert.type().cloudEventType()).withSource(SOURCE)
                        .withTimestamp(alert.occurredAt().atZone(ZoneOffset.UTC)).build()))
                .await().atMost(ACK_TIMEOUT);
        counts.increment(Topics.sourceOf(record.topic()));
        LOG.warnf("Dead-lettered %s-%d@%d to %s: %s", record.topic(), record.partition(), record.offset(), topic,
                reason);
    }
}
