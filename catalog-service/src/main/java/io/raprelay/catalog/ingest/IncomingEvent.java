package io.raprelay.catalog.ingest;

import io.raprelay.contracts.RapEvent;

/** An event read from Kafka, with where it was read. */
public record IncomingEvent(RapEvent event, String topic, int partition, long offset) {
}
