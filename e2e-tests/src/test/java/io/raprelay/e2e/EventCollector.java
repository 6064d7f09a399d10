package io.raprelay.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RapEventDeserializer;

/** A downstream consumer of its own group: every event on the given topics, kept in arrival order. */
final class EventCollector implements AutoCloseable {

    private final KafkaConsumer<String, RapEvent> consumer;
    private final List<RapEvent> events = new CopyOnWriteArrayList<>();
    private final Thread thread;

    EventCollector(Map<String, Object> kafka, List<String> topics) {
        Map<String, Object> config = new java.util.HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "rap-relay-downstream-e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new RapEventDeserializer());
        consumer.subscribe(topics);
        thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        consumer.poll(Duration.ofMillis(500)).forEach(r -> events.add(r.value()));
                    } catch (RecordDeserializationException e) {
                        // A record that is not a valid event (the fault suite sends some): a downstream system
                        // skips it, as the services dead-letter it.
                        consumer.seek(e.topicPartition(), e.offset() + 1);
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }, "e2e-event-collector");
        thread.setDaemon(true);
        thread.start();
    }

    <T extends RapEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
