package io.raprelay.notifier.practice;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.EventType;
import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.contracts.PracticeSessionStatusChanged;
import io.raprelay.contracts.RapEvent;
import io.raprelay.notifier.alert.Alert;
import io.raprelay.notifier.alert.NotificationPlanner;
import io.raprelay.notifier.alert.Severity;
import io.raprelay.notifier.delivery.Channel;
import io.raprelay.notifier.delivery.DeliveryService;
import io.raprelay.notifier.weather.WeatherService;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The live path of the practice-session rules: on the day of each session, the same {@link PracticeRules} as the
 * what-if endpoint run over the weather timeline; each notice they call for is recorded once (session, kind, due
 * time) and sent to the subscribers of practice-session notices, and each change of status is published as
 * {@link PracticeSessionStatusChanged}. State is in the database, so a restart in the middle sends nothing twice and
 * loses no decision. Practice notices are CRITICAL: silences do not hold them.
 */
@ApplicationScoped
public class PracticeSessionService {

    static final String TYPE = EventType.PRACTICE_SESSION_STATUS_CHANGED.cloudEventType();
    private static final URI SOURCE = URI.create("urn:rap-relay:notifier");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final WeatherService weather;
    private final NotificationPlanner planner;
    private final DeliveryService delivery;
    private final MutinyEmitter<RapEvent> statuses;
    private final EntityManager entityManager;
    private final PracticeSchedule schedule;

    public PracticeSessionService(WeatherService weather, NotificationPlanner planner, DeliveryService delivery,
            @org.eclipse.microprofile.reactive.messaging.Channel("practice-sessions") MutinyEmitter<RapEvent> statuses,
            EntityManager entityManager, PracticeSchedule schedule) {
        this.schedule = schedule;
        this.weather = weather;
        this.planner = planner;
        this.delivery = delivery;
        this.statuses = statuses;
        this.entityManager = entityManager;
    }

    static PracticeSession toSession(ConfiguredSession stored) {
        try {
            List<PracticeSession.Part> parts = JSON.readValue(stored.parts, new TypeReference<>() {
            });
            return new PracticeSession(stored.id, stored.sessionDate, parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Session " + stored.id + " has unreadable parts: " + e.getMessage(), e);
        }
    }

    static List<Long> contactIds(ConfiguredSession stored) {
        return stored.contactIds == null || stored.contactIds.isBlank()
                ? List.of()
                : Arrays.stream(stored.contactIds.split(",")).map(Long::valueOf).toList();
    }

    static String partsJson(List<PracticeSession.Part> parts) {
        try {
            return JSON.writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends what is due for the sessions of today and yesterday (Hong Kong time); returns the notices sent. */
    public int check(Instant now) {
        schedule.republishOnce(now);
        LocalDate today = now.atZone(PracticeRules.HONG_KONG).toLocalDate();
        List<ConfiguredSession> sessions = QuarkusTransaction.requiringNew().call(() -> ConfiguredSession
                .<ConfiguredSession>list("sessionDate between ?1 and ?2 and withdrawn = false", today.minusDays(1),
                        today));
        int sent = 0;
        for (ConfiguredSession stored : sessions) {
            PracticeSession session = toSession(stored);
            List<Warning> timeline = weather.timeline(session.date());
            PracticeRules.Decision decision = PracticeRules.decide(session, timeline, now);
            boolean stopped = decision.status() == PracticeSessionStatus.TERMINATED
                    || decision.status() == PracticeSessionStatus.CANCELLED;
            for (PracticeRules.Notice notice : PracticeRules.notices(session, timeline, now)) {
                // A "continues as normal" not sent before the session was stopped would contradict the stop, even
                // for a warning issued earlier: the two came to light in one check.
                if (stopped && notice.kind() == PracticeRules.NoticeKind.CONTINUES_AS_NORMAL) {
                    continue;
                }
                if (send(stored, session, notice, now)) {
                    sent++;
                }
            }
            publishStatus(stored.id, session, decision, now);
        }
        return sent;
    }

    private boolean send(ConfiguredSession stored, PracticeSession session, PracticeRules.Notice notice,
            Instant now) {
        List<Long> planned = QuarkusTransaction.requiringNew().call(() -> {
            int recorded = entityManager.createNativeQuery("""
                    insert into practice_notice (session_id, kind, due_at, sent_at) values (:id, :kind, :due, :now)
                    on conflict do nothing""")
                    .setParameter("id", session.id()).setParameter("kind", notice.kind().name())
                    .setParameter("due", notice.at()).setParameter("now", now).executeUpdate();
            if (recorded == 0) {
                return null; // sent before (also before a restart)
            }
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("session", session.id() + " on " + session.date());
            session.parts().forEach(p -> facts.put(p.name(), p.start() + "-" + p.end() + " HKT, " + p.dataCentre()
                    + " data centre"));
            facts.put("status", notice.status().name());
            facts.put("why", notice.text());
            facts.put("hotlines", stored.hotline);
            String what = switch (notice.kind()) {
                case DECISION_0900 -> "09:00 decision";
                case STATUS_BEFORE_START -> "status two hours before the start";
                case CANCELLATION -> "cancelled";
                case TERMINATION -> "terminated at "
                        + PracticeRules.HKT.format(notice.at().plus(PracticeRules.TERMINATION_DELAY));
                case CONTINUES_AS_NORMAL -> "continues as normal";
                case PRIMARY_REMINDER -> "back to the primary data centre";
                case RESCHEDULED -> "moved by an operator";
                case WITHDRAWN -> "withdrawn by an operator";
            };
            Alert alert = new Alert(Severity.CRITICAL, Set.of(ClearingHouse.values()), Map.of(
                    "en", "[RAP Relay] Practice session " + session.date() + ": " + notice.status() + " (" + what
                            + ")",
                    "zh-HK", "[RAP Relay] 演習 " + session.date() + "：" + notice.status() + "（" + what + "）"),
                    facts);
            String eventId = "practice:" + session.id() + ":" + notice.kind() + ":" + notice.at().toEpochMilli();
            Log.infof("Practice session %s: %s notice (%s)", session.id(), notice.kind(), notice.status());
            List<Long> contacts = contactIds(stored);
            return contacts.isEmpty()
                    ? planner.plan(eventId, TYPE, alert)
                    : planner.planFor(eventId, TYPE, alert, contacts,
                            EnumSet.allOf(Channel.class));
        });
        if (planned == null) {
            return false;
        }
        planned.forEach(delivery::submit);
        return true;
    }

    private void publishStatus(String id, PracticeSession session, PracticeRules.Decision decision, Instant now) {
        String previous = QuarkusTransaction.requiringNew()
                .call(() -> ConfiguredSession.<ConfiguredSession>findById(id).status);
        if (decision.status().name().equals(previous)) {
            return;
        }
        PracticeSessionStatusChanged changed = new PracticeSessionStatusChanged(
                UUID.nameUUIDFromBytes(("PracticeSessionStatusChanged/" + id + "/" + decision.status())
                        .getBytes(StandardCharsets.UTF_8)).toString(),
                now, id, session.date(), decision.status(), PracticeSessionStatus.valueOf(previous),
                decision.effectiveAt() == null ? now : decision.effectiveAt(), decision.rule(),
                decision.warning() == null ? null : decision.warning().code(),
                decision.warning() == null ? null : decision.warning().issuedAt(), decision.explanation());
        Message<RapEvent> message = Message.<RapEvent>of(changed)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(changed.kafkaKey()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(changed.eventId()).withType(TYPE)
                        .withSource(SOURCE).withTimestamp(now.atZone(ZoneOffset.UTC)).build());
        statuses.sendMessage(message).await().atMost(Duration.ofSeconds(15));
        QuarkusTransaction.requiringNew()
                .run(() -> ConfiguredSession.<ConfiguredSession>findById(id).status = decision.status().name());
        Log.infof("Practice session %s: %s -> %s (%s)", id, previous, decision.status(), decision.explanation());
    }

    /** Tells the session's contacts that an operator moved it; the status is decided again on its new day. */
    void rescheduled(ConfiguredSession stored, String by, String reason, Instant now) {
        PracticeSession session = toSession(stored);
        send(stored, session, new PracticeRules.Notice(PracticeRules.NoticeKind.RESCHEDULED, now,
                PracticeSessionStatus.valueOf(stored.status), "Moved by " + by + " to " + session.date()
                        + (reason == null ? "" : ": " + reason) + ". The times below are the new ones."),
                now);
    }

    /** Tells the session's contacts that an operator withdrew it, and publishes the status CANCELLED. */
    void withdrawn(ConfiguredSession stored, String by, String reason, Instant now) {
        PracticeSession session = toSession(stored);
        String explanation = "Withdrawn by " + by + ": " + reason;
        send(stored, session, new PracticeRules.Notice(PracticeRules.NoticeKind.WITHDRAWN, now,
                PracticeSessionStatus.CANCELLED, explanation), now);
        publishStatus(stored.id, session, new PracticeRules.Decision(PracticeSessionStatus.CANCELLED, now, now,
                "OPERATOR_WITHDRAWN", null, explanation), now);
    }

    /** Sessions as the API shows them. */
    public List<ConfiguredSession> all() {
        return QuarkusTransaction.requiringNew().call(() -> new ArrayList<>(ConfiguredSession.<ConfiguredSession>list(
                "order by sessionDate")));
    }
}
