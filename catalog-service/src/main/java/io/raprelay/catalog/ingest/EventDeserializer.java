package io.raprelay.catalog.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.InvalidEventException;
import io.raprelay.contracts.RapEvent;

/**
 * Reads each record as Kafka hands it over, on the consumer's polling thread: the JSON is parsed and checked against
 * the event's schema and constraints there, while the previous batch is still being written to the database. Never
 * throws: a record that is not a valid event comes out as {@link Decoded} with its problems, to be dead-lettered.
 */
public class EventDeserializer implements Deserializer<EventDeserializer.Decoded> {

    /**
     * One record's value: the event, or the problems that make it none; with the bytes as they came, which is what a
     * dead letter carries.
     */
    public record Decoded(byte[] raw, RapEvent event, List<String> problems) {
    }

    private final EventCodec codec = new EventCodec();

    @Override
    public Decoded deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public Decoded deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return new Decoded(null, null, List.of("$: empty record"));
        }
        Header type = headers == null ? null : headers.lastHeader("ce_type");
        try {
            return new Decoded(data,
                    codec.read(data, type == null ? null : new String(type.value(), StandardCharsets.UTF_8)),
                    List.of());
        } catch (InvalidEventException e) {
            return new Decoded(data, null, e.problems());
        }
    }
}
