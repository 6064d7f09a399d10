package io.raprelay.catalog.archive;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.raprelay.contracts.AccessLogCheckpointed;
import io.raprelay.contracts.BusinessDayComplete;
import io.raprelay.contracts.BusinessDayIncomplete;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportOverdue;
import io.raprelay.contracts.ReportOverdueResolved;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes the catalog's alerts with their CloudEvents headers and waits for Kafka's acknowledgement:
 * {@link ReportOverdue} and {@link ReportOverdueResolved} on {@code rap.report-overdue}, the access log's
 * {@link AccessLogCheckpointed} on {@code rap.access-log-checkpoints}, {@link BusinessDayComplete} and
 * {@link BusinessDayIncomplete} on {@code rap.business-days}, everything else on {@code rap.archive-alerts}.
 */
@ApplicationScoped
public class AlertPublisher {

    static final URI SOURCE = URI.create("urn:rap-relay:catalog");
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final MutinyEmitter<RapEvent> alerts;
    private final MutinyEmitter<RapEvent> overdue;
    private final MutinyEmitter<RapEvent> checkpoints;
    private final MutinyEmitter<RapEvent> businessDays;

    public AlertPublisher(@Channel("archive-alerts") MutinyEmitter<RapEvent> alerts,
            @Channel("report-overdue") MutinyEmitter<RapEvent> overdue,
            @Channel("access-log-checkpoints") MutinyEmitter<RapEvent> checkpoints,
            @Channel("business-days") MutinyEmitter<RapEvent> businessDays) {
        this.alerts = alerts;
        this.overdue = overdue;
        this.checkpoints = checkpoints;
        this.businessDays = businessDays;
    }

    public void publish(RapEvent event) {
        Message<RapEvent> message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.kafkaKey()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId())
                        .withType(event.type().cloudEventType())
                        .withSource(SOURCE)
                        .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                        .build());
        MutinyEmitter<RapEvent> emitter = alerts;
        if (event instanceof ReportOverdue || event instanceof ReportOverdueResolved) {
            emitter = overdue;
        } else if (event instanceof AccessLogCheckpointed) {
            emitter = checkpoints;
        } else if (event instanceof BusinessDayComplete || event instanceof BusinessDayIncomplete) {
            emitter = businessDays;
        }
        emitter.sendMessage(message).await().atMost(ACK_TIMEOUT);
    }
}
