package io.raprelay.notifier.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.RapEvent;

/** Publishes events as the other services do: on their topic, keyed, with the {@code ce_type} header. */
public final class Events {

    private Events() {
    }

    public static void publish(String bootstrapServers, RapEvent... events) throws Exception {
        EventCodec codec = new EventCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (RapEvent event : events) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.type().topic(), event.kafkaKey(),
                        codec.write(event));
                record.headers().add("ce_type", event.type().cloudEventType().getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_id", event.eventId().getBytes(StandardCharsets.UTF_8));
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A raw record, for malformed input. */
    public static void publishRaw(String bootstrapServers, String topic, byte[] value, String ceType)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "bad", value);
            if (ceType != null) {
                record.headers().add("ce_type", ceType.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }
}
