package io.raprelay.fetcher.practice;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.raprelay.contracts.CloudEventTypes;
import io.raprelay.contracts.CompactedTopic;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.DeadLetter;
import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.InvalidEventException;
import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RecordDeadLettered;
import io.raprelay.contracts.Topics;
import io.smallrye.common.annotation.Identifier;

/**
 * The practice sessions as the notifier configured them, read from the compacted topic {@link Topics#PRACTICE_SCHEDULE}
 * from its start at every start of the fetcher and followed while it runs (the highest revision of each session
 * wins). Until the topic has been read to its end, {@link #known()} is false and no file is fetched: a file fetched
 * then could be a practice file taken for production. The failure policy of every consumer holds: a record that
 * cannot be read is dead-lettered ({@code rap.practice-schedule.fetcher.dlq}) and alerted
 * ({@link RecordDeadLettered}, the same id each time the same record is met again at a later start); Kafka away is
 * transient: the reader retries, and nothing is fetched meanwhile if the schedule was never read.
 */
@ApplicationScoped
public class PracticeCalendar {

    static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");
    private static final String SERVICE = "fetcher";

    /** The service's whole Kafka client configuration (kafka.*: servers, TLS, SASL), as its channels have. */
    private final Map<String, Object> kafkaConfig;
    private final Map<String, PracticeSessionConfigured> sessions = new ConcurrentHashMap<>();
    private final EventCodec codec = new EventCodec();
    private volatile boolean known;
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread reader;

    PracticeCalendar(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
    }

    void onStart(@Observes StartupEvent event) {
        reader = new Thread(this::read, "practice-calendar");
        reader.setDaemon(true);
        reader.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reader != null) {
            reader.join(10_000);
        }
    }

    /** True once the schedule has been read to the end it had when the fetcher started. */
    public boolean known() {
        return known;
    }

    /** Every session as last configured, withdrawn ones included. */
    public Collection<PracticeSessionConfigured> sessions() {
        return List.copyOf(sessions.values());
    }

    /**
     * The practice session a file fetched at {@code at} from {@code dataCentre} belongs to, if any: on the day of a
     * session with a part on the secondary data centre, everything read from the secondary (outside a drill it serves
     * nothing); otherwise what is read from a part's data centre within its window. Withdrawn sessions mark nothing.
     */
    public Optional<String> sessionAt(Instant at, DataCentre dataCentre) {
        return sessions.values().stream().filter(s -> !s.withdrawn() && belongs(s, at, dataCentre))
                .map(PracticeSessionConfigured::sessionId).sorted().findFirst();
    }

    static boolean belongs(PracticeSessionConfigured session, Instant at, DataCentre dataCentre) {
        boolean secondaryDay = dataCentre == DataCentre.SECONDARY
                && at.atZone(HONG_KONG).toLocalDate().equals(session.sessionDate())
                && session.parts().stream().anyMatch(p -> p.dataCentre() == DataCentre.SECONDARY);
        return secondaryDay || session.parts().stream().anyMatch(p -> p.dataCentre() == dataCentre
                && !at.isBefore(p.startsAt()) && at.isBefore(p.endsAt()));
    }

    /** Applies one configured session: a higher revision replaces a lower one. */
    void apply(PracticeSessionConfigured session) {
        PracticeSessionConfigured merged = sessions.merge(session.sessionId(), session,
                (old, now) -> now.revision() >= old.revision() ? now : old);
        if (merged == session) {
            Log.infof("Practice session %s on %s (revision %d)%s: %s", session.sessionId(), session.sessionDate(),
                    session.revision(), session.withdrawn() ? " withdrawn" : "", session.parts());
        }
    }

    private void read() {
        while (!stopping) {
            try {
                CompactedTopic.ensure(kafkaConfig, Topics.PRACTICE_SCHEDULE);
                follow();
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                Log.warnf("Practice schedule unreadable (%s); no file is fetched until it is read, retrying in 5 s",
                        e.getMessage());
                try {
                    Thread.sleep(5_000); // a reader thread's back-off, not a test wait
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Map<String, Object> with(Object... keysAndValues) {
        Map<String, Object> config = new java.util.HashMap<>(kafkaConfig);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private void follow() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(with(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> deadLetters = new KafkaProducer<>(with(ProducerConfig.ACKS_CONFIG,
                        "all"), new StringSerializer(), new ByteArraySerializer())) {
            consumer = kafka;
            if (stopping) {
                return;
            }
            List<TopicPartition> partitions = kafka.partitionsFor(Topics.PRACTICE_SCHEDULE, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, Duration.ofSeconds(30));
            while (!stopping) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofSeconds(1))) {
                    read(record, deadLetters);
                }
                if (!known && ends.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                    known = true;
                    Log.infof("Practice schedule read: %d session(s) known", sessions.size());
                }
            }
        }
    }

    private void read(ConsumerRecord<String, byte[]> record, KafkaProducer<String, byte[]> deadLetters) {
        if (record.value() == null) {
            return; // a tombstone: nothing to apply
        }
        Header type = record.headers().lastHeader(CloudEventTypes.HEADER_TYPE);
        try {
            RapEvent event = codec.read(record.value(), type == null
                    ? null
                    : new String(type.value(), StandardCharsets.UTF_8));
            if (event instanceof PracticeSessionConfigured session) {
                apply(session);
            }
        } catch (InvalidEventException e) {
            deadLetter(record, String.join("; ", e.problems()), deadLetters);
        }
    }

    /** Sends the record, unchanged, to the dead-letter topic and alerts it; waits for both acknowledgements. */
    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason,
            KafkaProducer<String, byte[]> deadLetters) {
        String topic = Topics.deadLetter(record.topic(), SERVICE);
        RecordDeadLettered alert = DeadLetter.alert(SERVICE, record, reason, Instant.now());
        try {
            deadLetters.send(new ProducerRecord<>(topic, null, record.key(), record.value(),
                    DeadLetter.headers(record, reason))).get();
            ProducerRecord<String, byte[]> alerted = new ProducerRecord<>(Topics.DEAD_LETTER_ALERTS, alert.kafkaKey(),
                    codec.write(alert));
            alerted.headers().add(CloudEventTypes.HEADER_ID, alert.eventId().getBytes(StandardCharsets.UTF_8));
            alerted.headers().add(CloudEventTypes.HEADER_TYPE,
                    alert.type().cloudEventType().getBytes(StandardCharsets.UTF_8));
            deadLetters.send(alerted).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("dead letter not acknowledged: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Log.errorf("Practice schedule record %s-%d@%d dead-lettered to %s: %s", record.topic(), record.partition(),
                record.offset(), topic, reason);
    }
}
