package io.raprelay.contracts;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer for {@link RapEvent}s. It also writes the {@code ce_type} and {@code ce_id} headers when the
 * producer
 * did not, so that even a plain Kafka producer publishes readable events.
 */
public class RapEventSerializer implements Serializer<RapEvent> {

    private final EventCodec codec = new EventCodec();

    @Override
    public byte[] serialize(String topic, RapEvent event) {
        return event == null ? null : codec.write(event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, RapEvent event) {
        if (event != null && headers != null) {
            if (headers.lastHeader(CloudEventTypes.HEADER_TYPE) == null) {
                headers.add(CloudEventTypes.HEADER_TYPE,
                        event.type().cloudEventType().getBytes(StandardCharsets.UTF_8));
            }
            if (headers.lastHeader(CloudEventTypes.HEADER_ID) == null) {
                headers.add(CloudEventTypes.HEADER_ID, event.eventId().getBytes(StandardCharsets.UTF_8));
            }
        }
        return serialize(topic, event);
    }
}
