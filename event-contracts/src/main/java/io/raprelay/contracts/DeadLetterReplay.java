package io.raprelay.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays a consumer service's dead letters after a fix: every record of {@code {topic}.{service}.dlq} not replayed
 * before goes to {@code {topic}.{service}.replay} ({@link Topics#replay}), which only that service reads and only it
 * may write, key, value and original headers unchanged (the {@code dead-letter-*} headers dropped,
 * {@value #REPLAYED_FROM} added). It never writes the source topic: other consumers trust it, and the service's
 * Kafka principal may not write it. Progress is the committed offset of the group
 * {@code rap-relay-{service}-dlq-replay}, committed only after Kafka acknowledged the copies, so a second replay sends
 * nothing again; a copy sent twice after a crash is absorbed by the consumers' idempotency on {@code ce_id}. A record
 * that still cannot be processed is dead-lettered again and alerts again.
 */
public final class DeadLetterReplay {

    public static final String REPLAYED_FROM = "dead-letter-replayed-from";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Object> kafkaConfig;
    private final String service;

    /** {@code kafkaConfig}: the service's own client settings (bootstrap servers, security). */
    public DeadLetterReplay(Map<String, Object> kafkaConfig, String service) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.service = service;
    }

    /** Replays the dead letters of the given source topics; answers how many records each dead-letter topic gave. */
    public Map<String, Integer> replay(List<String> sourceTopics) {
        Map<String, Integer> replayed = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String source : sourceTopics) {
                String deadLetters = Topics.deadLetter(source, service);
                replayed.put(deadLetters, replayTopic(consumer, producer, source, deadLetters));
            }
        }
        return replayed;
    }

    private int replayTopic(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
            String source, String deadLetters) {
        List<PartitionInfo> partitions = consumer.partitionsFor(deadLetters, TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            return 0; // nothing was ever dead-lettered from this topic
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(deadLetters, p.partition())).toList();
        consumer.assign(assigned);
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned, TIMEOUT);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(assigned), TIMEOUT);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata start = committed.get(partition);
            if (start == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, start.offset());
            }
        }
        int count = 0;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!reachedEnd(consumer, assigned, end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Replay of " + deadLetters + " did not reach its end in " + TIMEOUT);
            }
            List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
            consumer.poll(POLL).forEach(batch::add);
            Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue; // dead-lettered after this replay began: the next replay takes it
                }
                await(producer.send(copy(record, source, service)));
                progress.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
                count++;
            }
            if (!progress.isEmpty()) {
                consumer.commitSync(progress, TIMEOUT);
            }
        }
        return count;
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(p -> consumer.position(p, TIMEOUT) >= end.get(p));
    }

    private static ProducerRecord<byte[], byte[]> copy(ConsumerRecord<byte[], byte[]> record, String fallbackTopic,
            String service) {
        Header origin = record.headers().lastHeader(DeadLetter.TOPIC);
        String topic = Topics.replay(origin == null
                ? fallbackTopic
                : new String(origin.value(),
                        StandardCharsets.UTF_8),
                service);
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                headers.add(header);
            }
        }
        headers.add(REPLAYED_FROM, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    }

    private static void await(java.util.concurrent.Future<?> send) {
        try {
            send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a replayed record: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "rap-relay-" + service + "-dlq-replay");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }
}
