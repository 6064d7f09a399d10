package io.raprelay.catalog.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.raprelay.contracts.ArchiveAltered;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RapEventDeserializer;
import io.raprelay.contracts.Topics;

/** Reads a topic from its beginning, as a downstream consumer would, until what was read satisfies a condition. */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * @param quiet
     *            after the condition holds, keep reading this long (to see that nothing more arrives); zero: stop
     */
    public static List<RapEvent> read(String bootstrapServers, String topic, Predicate<List<RapEvent>> until,
            Duration quiet) {
        List<RapEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, RapEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new RapEventDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(r.value()));
                return until.test(events);
            });
            if (!quiet.isZero()) {
                await().during(quiet).atMost(quiet.plusSeconds(5)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(r.value()));
                    return true;
                });
            }
        }
        return events;
    }

    /** The first {@code ArchiveAltered} raised for a report, waiting for it. */
    public static ArchiveAltered archiveAltered(String bootstrapServers, String reportKey) {
        return read(bootstrapServers, Topics.ARCHIVE_ALERTS,
                events -> events.stream()
                        .anyMatch(e -> e instanceof ArchiveAltered a && a.reportKey().equals(reportKey)),
                Duration.ZERO).stream().filter(e -> e instanceof ArchiveAltered a && a.reportKey().equals(reportKey))
                .map(ArchiveAltered.class::cast).findFirst().orElseThrow();
    }
}
