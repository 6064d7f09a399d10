package io.raprelay.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The event catalogue for readers (docs/events.md, docs/asyncapi.yaml) must keep up with the contract. */
class EventCatalogueDocumentedTest {

    private static final Path DOCS = Path.of("..", "docs");

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeIsInTheCatalogueAndTheAsyncApiDocument(EventType type) throws Exception {
        String events = Files.readString(DOCS.resolve("events.md"));
        String asyncApi = Files.readString(DOCS.resolve("asyncapi.yaml"));
        String record = type.recordType().getSimpleName();

        assertThat(events).contains("## " + record + " (`" + type.cloudEventType() + "`)").contains(type.topic());
        assertThat(asyncApi).contains("name: " + type.cloudEventType()).contains("address: " + type.topic())
                .contains(type.schemaResource());
    }
}
