package io.raprelay.catalog.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.raprelay.contracts.FailurePolicy;
import io.raprelay.contracts.Traces;
import io.smallrye.common.annotation.Blocking;

/**
 * Consumes the fetcher's topics in batches under the one failure policy ({@link FailurePolicy}). Records arrive
 * decoded and validated ({@link EventDeserializer}, on the polling thread, while the previous batch is written);
 * malformed or schema-invalid ones go to the dead-letter topic at once; the rest of the batch is applied in one
 * transaction. A transient failure (database down, read-only, full, a revoked grant) pauses ingest: the batch is
 * retried with
 * backoff, nothing is acknowledged or dead-lettered, readiness is down. A batch that fails as poison is applied
 * record by record, so only the record the database can never take is dead-lettered, after bounded attempts. Each
 * event's trace (from its record's headers) gets a span from the batch's start to its commit.
 */
@ApplicationScoped
public class EventIngest {

    private static final Logger LOG = Logger.getLogger(EventIngest.class);
    private static final String WRITER = "ingest";

    private final EventStore store;
    private final DeadLetters deadLetters;
    private final FailurePolicy policy;
    private final Tracer tracer;

    public EventIngest(EventStore store, DeadLetters deadLetters, @Readiness IngestHealthCheck health,
            Tracer tracer) {
        this.tracer = tracer;
        this.store = store;
        this.deadLetters = deadLetters;
        this.policy = new FailurePolicy(Duration.ofMillis(500), Duration.ofSeconds(30),
                new FailurePolicy.PauseListener() {
                    @Override
                    public void paused(String reason) {
                        LOG.warnf("Ingest paused, nothing committed, retrying with backoff: %s", reason);
                        health.pause(WRITER, reason);
                    }

                    @Override
                    public void resumed() {
                        LOG.infof("Ingest resumed");
                        health.resume(WRITER);
                    }
                });
    }

    @Incoming("fetcher-events")
    @Blocking
    public void consume(ConsumerRecords<String, EventDeserializer.Decoded> records) throws InterruptedException {
        List<IncomingEvent> valid = new ArrayList<>(records.count());
        List<ConsumerRecord<String, EventDeserializer.Decoded>> sources = new ArrayList<>(records.count());
        for (ConsumerRecord<String, EventDeserializer.Decoded> record : records) {
            EventDeserializer.Decoded value = record.value();
            if (value.event() == null) {
                deadLetters.send(record, value.raw(), String.join("; ", value.problems()));
            } else {
                valid.add(new IncomingEvent(value.event(), record.topic(), record.partition(), record.offset()));
                sources.add(record);
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        List<Span> spans = new ArrayList<>(valid.size());
        for (int i = 0; i < valid.size(); i++) {
            spans.add(tracer.spanBuilder("rap.ingest").setSpanKind(SpanKind.CONSUMER)
                    .setParent(Traces.fromHeaders(sources.get(i).headers()))
                    .setAttribute("rap.event_type", valid.get(i).event().type().cloudEventType())
                    .setAttribute("rap.event_id", valid.get(i).event().eventId())
                    .setAttribute("rap.batch_size", valid.size()).startSpan());
        }
        try {
            apply(valid, sources, spans);
        } finally {
            spans.forEach(Span::end);
        }
    }

    private void apply(List<IncomingEvent> valid, List<ConsumerRecord<String, EventDeserializer.Decoded>> sources,
            List<Span> spans) throws InterruptedException {
        long started = System.nanoTime();
        Optional<String> poison = policy.run("applying " + valid.size() + " events", () -> store.apply(valid));
        if (poison.isEmpty()) {
            LOG.debugf("Applied %d events in %d ms", valid.size(), (System.nanoTime() - started) / 1_000_000);
            return;
        }
        LOG.warnf("A batch of %d events was refused (%s); applying them one by one", valid.size(), poison.get());
        for (int i = 0; i < valid.size(); i++) {
            List<IncomingEvent> one = List.of(valid.get(i));
            Optional<String> refused = policy.run("applying " + valid.get(i).event().eventId(), () -> store.apply(one));
            if (refused.isPresent()) {
                ConsumerRecord<String, EventDeserializer.Decoded> source = sources.get(i);
                spans.get(i).setStatus(StatusCode.ERROR, "dead-lettered: " + refused.get());
                deadLetters.send(source, source.value().raw(), "refused by the database: " + refused.get());
            }
        }
    }
}
