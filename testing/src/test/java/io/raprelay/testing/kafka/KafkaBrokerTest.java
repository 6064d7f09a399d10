package io.raprelay.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.onFreePorts().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void recordAcknowledgedByAllReplicasIsConsumedBack() throws Exception {
        String topic = "round-trip-" + UUID.randomUUID();
        RecordMetadata metadata;
        try (KafkaProducer<String, String> producer = producer()) {
            metadata = producer.send(new ProducerRecord<>(topic, "CCLTN05", "final clearing statement")).get();
        }
        assertThat(metadata.offset()).isZero();

        List<ConsumerRecord<String, String>> seen = consumeAll(topic, 1);
        assertThat(seen).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("CCLTN05");
            assertThat(r.value()).isEqualTo("final clearing statement");
        });
    }

    @Test
    void committedRecordsSurviveBrokerRestart() throws Exception {
        String topic = "restart-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }

        broker.restart();

        List<ConsumerRecord<String, String>> seen = consumeAll(topic, 10);
        assertThat(seen).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
        try (KafkaProducer<String, String> producer = producer()) {
            assertThat(producer.send(new ProducerRecord<>(topic, "after", "restart")).get().hasOffset()).isTrue();
        }
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    private List<ConsumerRecord<String, String>> consumeAll(String topic, int expected) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.size() >= expected;
            });
        }
        return seen;
    }
}
