package io.raprelay.e2e;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.EventType;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.Topics;

/**
 * The suite's own Kafka client on the running system's broker: it sends what a producer on the network could send
 * (events, malformed records) and counts what the consumers dead-lettered.
 */
final class KafkaProbe {

    /** As the broker's super user: the suite plays a producer that got onto the network with credentials. */
    private final Map<String, Object> kafka;
    private final EventCodec codec = new EventCodec();

    KafkaProbe(LocalSystem system) {
        this.kafka = system.kafka("admin");
    }

    RecordMetadata send(RapEvent event) {
        return sendRaw(event.type().topic(), codec.write(event), event.type().cloudEventType(), event.kafkaKey());
    }

    RecordMetadata sendRaw(String topic, byte[] value, String ceType) {
        return sendRaw(topic, value, ceType, "e2e-poison");
    }

    private RecordMetadata sendRaw(String topic, byte[] value, String ceType, String key) {
        Map<String, Object> config = new java.util.HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            record.headers().add("ce_type", ceType.getBytes(StandardCharsets.UTF_8));
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send to " + topic, e);
        }
    }

    /** Records in all of a service's dead-letter topics. */
    long deadLetters(String service) {
        try (Admin admin = Admin.create(kafka)) {
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(t -> t.endsWith("." + service + ".dlq")).toList();
            if (topics.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description
                    .partitions()
                    .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(ends).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("Could not count dead letters of " + service, e);
        }
    }

    /** A CloudEvents type carried on {@code topic}. */
    static String someTypeOf(String topic) {
        for (EventType type : EventType.values()) {
            if (type.topic().equals(topic)) {
                return type.cloudEventType();
            }
        }
        throw new IllegalArgumentException("No event type on " + topic);
    }

    /** The services that consume {@code topic} (docs/events.md). */
    static List<String> consumersOf(String topic) {
        return topic.equals(Topics.REPORTS) || topic.equals(Topics.FETCH_EVENTS)
                ? List.of("catalog", "notifier")
                : List.of("notifier");
    }

    /** The id of the RecordDeadLettered a service raises for this record (the contract's DeadLetter recipe). */
    static String deadLetterAlertId(String service, RecordMetadata record) {
        return UUID.nameUUIDFromBytes((service + "/" + record.topic() + "/" + record.partition() + "/"
                + record.offset()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
