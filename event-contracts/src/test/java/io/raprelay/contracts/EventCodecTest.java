package io.raprelay.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    static Stream<RapEvent> samples() {
        return EventSamples.all().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyEventSerialisesToSchemaValidJsonAndReadsBackEqual(RapEvent event) {
        byte[] json = codec.write(event);

        assertThat(codec.schemaProblems(json, event.type())).isEmpty();
        assertThat(codec.read(json, event.type().cloudEventType())).isEqualTo(event);
    }

    @Test
    void jsonUsesIsoDatesAndNamesEveryField() throws Exception {
        ObjectNode json = (ObjectNode) codec.mapper().readTree(codec.write(EventSamples.reportArrived()));

        assertThat(json.get("businessDate").asText()).isEqualTo("2025-06-20");
        assertThat(json.get("fetchedAt").asText()).isEqualTo("2025-06-20T12:05:03.250Z");
        assertThat(json.has("occurredAt")).as("derived, not a field").isFalse();
        assertThat(json.has("kafkaKey")).isFalse();
    }

    @Test
    void producersCheckAnEventAsConsumersWillReadIt() {
        ReportArrived valid = EventSamples.reportArrived();
        codec.check(valid);
        String tooLong = "HKSCC/rapb01234/INBOX/" + "x".repeat(512);
        ReportArrived invalid = new ReportArrived(valid.eventId(), valid.reportId(), tooLong, valid.clearingHouse(),
                valid.sourceSystem(), valid.reportCode(), valid.participant(), valid.businessDate(), valid.fileName(),
                valid.remotePath(), valid.size(), valid.sha256(), valid.remoteModifiedAt(), valid.fetchedAt(),
                valid.installation(), valid.account(), valid.dataCentre(), valid.host(), valid.archiveLocation(),
                valid.mediaType(), valid.practiceSession());
        assertThatThrownBy(() -> codec.check(invalid)).isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(((InvalidEventException) e).problems())
                        .anySatisfy(p -> assertThat(p).contains("reportKey")));
    }

    @Test
    void missingRequiredFieldIsRejectedNamingTheField() throws Exception {
        ObjectNode json = tree(EventSamples.reportArrived());
        json.remove("sha256");

        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> codec.read(bytes(json), ReportArrived.class));

        assertThat(e.problems()).singleElement().asString().contains("sha256");
        assertThat(e).hasMessageContaining("rap.report.arrived.v1");
    }

    @Test
    void wrongEnumValueIsRejectedNamingTheField() throws Exception {
        ObjectNode json = tree(EventSamples.reportArrived());
        json.put("clearingHouse", "HKEX");

        assertThatThrownBy(() -> codec.read(bytes(json), ReportArrived.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("$.clearingHouse");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() throws Exception {
        ObjectNode json = tree(EventSamples.reportArrived());
        json.put("sha256", "not-a-checksum");
        json.put("size", -1);
        json.put("businessDate", "20/06/2025");

        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> codec.read(bytes(json), ReportArrived.class));

        assertThat(String.join("\n", e.problems())).contains("$.sha256", "$.size", "$.businessDate");
    }

    @Test
    void notJsonOrEmptyIsRejectedWithAReason() {
        assertThatThrownBy(() -> codec.read("{not json".getBytes(StandardCharsets.UTF_8), ReportArrived.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.read(new byte[0], ReportArrived.class))
                .hasMessageContaining("empty payload");
        assertThatThrownBy(() -> codec.read("[1,2]".getBytes(StandardCharsets.UTF_8), ReportArrived.class))
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void unknownCloudEventTypeIsRejected() {
        byte[] json = codec.write(EventSamples.reportArrived());

        assertThatThrownBy(() -> codec.read(json, "rap.report.arrived.v9"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unknown event type 'rap.report.arrived.v9'");
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() throws Exception {
        ObjectNode json = tree(EventSamples.reportArrived());
        json.put("retentionClass", "7y");

        assertThat(codec.read(bytes(json), ReportArrived.class)).isEqualTo(EventSamples.reportArrived());
    }

    @Test
    void nullableFieldsMayBeNull() throws Exception {
        ObjectNode json = tree(EventSamples.reportArrived());
        json.putNull("participant");

        assertThat(codec.read(bytes(json), ReportArrived.class).participant()).isNull();
    }

    private ObjectNode tree(RapEvent event) throws Exception {
        return (ObjectNode) codec.mapper().readTree(codec.write(event));
    }

    private byte[] bytes(ObjectNode json) throws Exception {
        return codec.mapper().writeValueAsBytes(json);
    }
}
