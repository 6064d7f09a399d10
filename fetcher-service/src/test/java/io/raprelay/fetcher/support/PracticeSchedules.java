package io.raprelay.fetcher.support;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RapEventSerializer;
import io.raprelay.contracts.Topics;

/** Publishes a practice session to the schedule topic as the notifier does (tests have no notifier). */
public final class PracticeSchedules {

    private PracticeSchedules() {
    }

    public static void publish(String bootstrapServers, PracticeSessionConfigured session)
            throws InterruptedException, ExecutionException {
        try (KafkaProducer<String, RapEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new RapEventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.PRACTICE_SCHEDULE, session.kafkaKey(), session)).get();
        }
    }
}
