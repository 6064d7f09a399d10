package io.raprelay.catalog.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.InvalidEventException;
import io.smallrye.common.annotation.Blocking;

/**
 * Consumes the fetcher's topics in batches. Each batch is applied in one transaction; malformed or schema-invalid
 * records go to the dead-letter topic with the reason and the rest of the batch is applied. While the database is
 * down the batch is retried with backoff and nothing is acknowledged, so consumption pauses and no offset moves. A
 * record the database itself refuses while it is up is dead-lettered on its own, so one bad row cannot stop the
 * catalog.
 */
@ApplicationScoped
public class EventIngest {

    private static final Logger LOG = Logger.getLogger(EventIngest.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final EventCodec codec;
    private final EventStore store;
    private final DeadLetters deadLetters;

    public EventIngest(EventCodec codec, EventStore store, DeadLetters deadLetters) {
        this.codec = codec;
        this.store = store;
        this.deadLetters = deadLetters;
    }

    @Incoming("fetcher-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        List<IncomingEvent> valid = new ArrayList<>(records.count());
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                valid.add(decode(record));
                sources.add(record);
            } catch (InvalidEventException e) {
                deadLetters.send(record, String.join("; ", e.problems()));
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                long started = System.nanoTime();
                store.apply(valid);
                LOG.debugf("Applied %d events in %d ms", valid.size(), (System.nanoTime() - started) / 1_000_000);
                return;
            } catch (RuntimeException e) {
                if (store.databaseReachable()) {
                    applyOneByOne(valid, sources);
                    return;
                }
                LOG.warnf("Database unavailable (%s); %d events wait, nothing committed; retrying in %d ms",
                        rootMessage(e), valid.size(), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void applyOneByOne(List<IncomingEvent> events, List<ConsumerRecord<String, byte[]>> sources) {
        for (int i = 0; i < events.size(); i++) {
            try {
                store.apply(List.of(events.get(i)));
            } catch (RuntimeException e) {
                deadLetters.send(sources.get(i), "refused by the database: " + rootMessage(e));
            }
        }
    }

    private IncomingEvent decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new InvalidEventException("unknown", List.of("$: empty record"));
        }
        Header type = record.headers().lastHeader("ce_type");
        String cloudEventType = type == null ? null : new String(type.value(), StandardCharsets.UTF_8);
        return new IncomingEvent(codec.read(record.value(), cloudEventType), record.topic(), record.partition(),
                record.offset());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
