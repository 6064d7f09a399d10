package io.raprelay.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter recipe every consumer follows: the record goes to {@code {topic}.{service}.dlq} with its key, value
 * and headers unchanged plus {@value #REASON}, {@value #TOPIC}, {@value #PARTITION} and {@value #OFFSET}; once Kafka
 * acknowledged it, a {@link RecordDeadLettered} alert follows on {@link Topics#DEAD_LETTER_ALERTS}.
 */
public final class DeadLetter {

    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetter() {
    }

    /** The dead letter's headers: the record's own, then the four {@code dead-letter-*} headers. */
    public static RecordHeaders headers(ConsumerRecord<?, ?> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(PARTITION, String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(OFFSET, String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The alert for a dead letter; its id is the same each time the same record is dead-lettered. */
    public static RecordDeadLettered alert(String service, ConsumerRecord<?, ?> record, String reason, Instant at) {
        String id = UUID.nameUUIDFromBytes((service + "/" + record.topic() + "/" + record.partition() + "/"
                + record.offset()).getBytes(StandardCharsets.UTF_8)).toString();
        Header type = record.headers().lastHeader(CloudEventTypes.HEADER_TYPE);
        return new RecordDeadLettered(id, at, service, record.topic(), record.partition(), record.offset(),
                Topics.deadLetter(record.topic(), service),
                cut(record.key() == null ? null : String.valueOf(record.key()), 512),
                cut(type == null ? null : new String(type.value(), StandardCharsets.UTF_8), 128),
                cut(reason.isBlank() ? "no reason given" : reason, 2000));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
