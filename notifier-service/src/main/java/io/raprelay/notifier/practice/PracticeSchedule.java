package io.raprelay.notifier.practice;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.raprelay.contracts.CompactedTopic;
import io.raprelay.contracts.EventType;
import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Every configured session, whole, on the compacted topic {@link Topics#PRACTICE_SCHEDULE}: each revision is recorded
 * (who, when, why) and published as {@link PracticeSessionConfigured} before the change is committed, so the fetcher,
 * which reads the topic to tell practice downloads from production ones, never knows less than the notifier. At the
 * first check after the start every session not yet over is published again (same revision), so a topic created or
 * emptied later is filled.
 */
@ApplicationScoped
public class PracticeSchedule {

    private static final URI SOURCE = URI.create("urn:rap-relay:notifier");
    private static final String TYPE = EventType.PRACTICE_SESSION_CONFIGURED.cloudEventType();

    private final MutinyEmitter<RapEvent> schedule;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Map<String, Object> kafkaConfig;
    private volatile boolean republished;

    PracticeSchedule(@Channel("practice-schedule") MutinyEmitter<RapEvent> schedule, EntityManager entityManager,
            Clock clock, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.schedule = schedule;
        this.entityManager = entityManager;
        this.clock = clock;
        this.kafkaConfig = Map.copyOf(kafkaConfig);
    }

    /**
     * Records the session's current state as a new revision and publishes it; call inside the transaction that
     * changed it, so a refusal by Kafka rolls the change back.
     *
     * @throws RuntimeException
     *             when Kafka did not acknowledge in time: nothing must be committed then
     */
    void changed(ConfiguredSession stored, String changedBy, String reason) {
        Instant now = clock.instant();
        entityManager.createNativeQuery("""
                insert into practice_session_revision
                    (session_id, revision, session_date, parts, withdrawn, changed_by, changed_at, reason)
                values (:id, :revision, :date, :parts, :withdrawn, :by, :at, :reason)""")
                .setParameter("id", stored.id).setParameter("revision", stored.revision)
                .setParameter("date", stored.sessionDate).setParameter("parts", stored.parts)
                .setParameter("withdrawn", stored.withdrawn).setParameter("by", changedBy).setParameter("at", now)
                .setParameter("reason", reason).executeUpdate();
        publish(stored, changedBy, reason, now);
    }

    /** Publishes every session not over before yesterday once after the start; false while Kafka refuses. */
    boolean republishOnce(Instant now) {
        if (republished) {
            return true;
        }
        LocalDate yesterday = now.atZone(PracticeRules.HONG_KONG).toLocalDate().minusDays(1);
        try {
            CompactedTopic.ensure(kafkaConfig, Topics.PRACTICE_SCHEDULE);
            List<ConfiguredSession> sessions = QuarkusTransaction.requiringNew().call(() -> ConfiguredSession
                    .<ConfiguredSession>list("sessionDate >= ?1", yesterday));
            for (ConfiguredSession stored : sessions) {
                publish(stored, "system", null, now);
            }
            republished = true;
            Log.infof("Practice schedule: %d session(s) published to %s", sessions.size(), Topics.PRACTICE_SCHEDULE);
        } catch (RuntimeException e) {
            Log.warnf("Practice schedule not published yet (%s); tried again at the next check", e.getMessage());
        }
        return republished;
    }

    private void publish(ConfiguredSession stored, String changedBy, String reason, Instant now) {
        PracticeSession session = PracticeSessionService.toSession(stored);
        List<PracticeSessionConfigured.Part> parts = session.parts().stream()
                .map(p -> new PracticeSessionConfigured.Part(p.name(), session.at(p.start()), session.at(p.end()),
                        p.dataCentre()))
                .toList();
        String eventId = UUID.nameUUIDFromBytes(("PracticeSessionConfigured/" + stored.id + "/" + stored.revision)
                .getBytes(StandardCharsets.UTF_8)).toString();
        PracticeSessionConfigured event = new PracticeSessionConfigured(eventId, now,
                stored.id, stored.sessionDate, stored.revision, parts, stored.withdrawn, changedBy, reason);
        Message<RapEvent> message = Message.<RapEvent>of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.kafkaKey()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(event.eventId()).withType(TYPE)
                        .withSource(SOURCE).withTimestamp(now.atZone(ZoneOffset.UTC)).build());
        schedule.sendMessage(message).await().atMost(Duration.ofSeconds(15));
    }
}
