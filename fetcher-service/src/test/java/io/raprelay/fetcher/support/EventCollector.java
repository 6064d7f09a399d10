package io.raprelay.fetcher.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RapEventDeserializer;
import io.raprelay.contracts.Topics;

/** A downstream consumer for tests: reads every event of the fetcher's topics from the beginning, as they come. */
public final class EventCollector implements AutoCloseable {

    private final KafkaConsumer<String, RapEvent> consumer;
    private final List<ConsumerRecord<String, RapEvent>> records = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public EventCollector(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new RapEventDeserializer());
        consumer.subscribe(List.of(Topics.REPORTS, Topics.FETCH_EVENTS));
        thread = new Thread(this::run, "test-event-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public <T extends RapEvent> List<T> events(Class<T> type) {
        return records.stream().map(ConsumerRecord::value).filter(type::isInstance).map(type::cast).toList();
    }

    public List<ConsumerRecord<String, RapEvent>> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
