package io.raprelay.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RapEventSerdeTest {

    private final RapEventSerializer serializer = new RapEventSerializer();
    private final RapEventDeserializer deserializer = new RapEventDeserializer();

    @Test
    void serializerWritesCloudEventsHeadersAndDeserializerPicksTheTypeFromThem() {
        RecordHeaders headers = new RecordHeaders();
        RapEvent failover = EventSamples.all().get(2);

        byte[] payload = serializer.serialize(Topics.FETCH_EVENTS, headers, failover);

        assertThat(header(headers, CloudEventTypes.HEADER_TYPE)).isEqualTo(CloudEventTypes.HOST_FAILOVER);
        assertThat(header(headers, CloudEventTypes.HEADER_ID)).isEqualTo(failover.eventId());
        assertThat(deserializer.deserialize(Topics.FETCH_EVENTS, headers, payload)).isEqualTo(failover);
    }

    @Test
    void headersSetByTheProducerAreKept() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventTypes.HEADER_ID, "from-producer".getBytes(StandardCharsets.UTF_8));

        serializer.serialize(Topics.REPORTS, headers, EventSamples.reportArrived());

        assertThat(headers.headers(CloudEventTypes.HEADER_ID)).hasSize(1);
        assertThat(header(headers, CloudEventTypes.HEADER_ID)).isEqualTo("from-producer");
    }

    @Test
    void recordWithoutTypeHeaderIsRejectedNotGuessed() {
        byte[] payload = serializer.serialize(Topics.REPORTS, EventSamples.reportArrived());

        assertThatThrownBy(() -> deserializer.deserialize(Topics.REPORTS, new RecordHeaders(), payload))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ce_type");
    }

    @Test
    void eventTypeTableIsConsistent() {
        for (EventType type : EventType.values()) {
            assertThat(EventType.of(type.recordType())).isEqualTo(type);
            assertThat(EventType.ofCloudEventType(type.cloudEventType())).contains(type);
            assertThat(type.cloudEventType()).startsWith("rap.").endsWith(".v1");
        }
        assertThat(Topics.deadLetter(Topics.REPORTS, "catalog")).isEqualTo("rap.reports.catalog.dlq");
    }

    private static String header(RecordHeaders headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
