package io.raprelay.contracts;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for {@link RapEvent}s: the {@code ce_type} header picks the record type, and the payload is
 * checked against its schema and constraints. An invalid record throws {@link InvalidEventException}, which the
 * consuming channel's failure strategy sends to its dead-letter topic.
 */
public class RapEventDeserializer implements Deserializer<RapEvent> {

    private final EventCodec codec = new EventCodec();

    @Override
    public RapEvent deserialize(String topic, byte[] data) {
        throw new InvalidEventException("unknown", List.of("ce_type: header missing, cannot tell the event type"));
    }

    @Override
    public RapEvent deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        Header type = headers == null ? null : headers.lastHeader(CloudEventTypes.HEADER_TYPE);
        if (type == null) {
            return deserialize(topic, data);
        }
        return codec.read(data, new String(type.value(), StandardCharsets.UTF_8));
    }
}
