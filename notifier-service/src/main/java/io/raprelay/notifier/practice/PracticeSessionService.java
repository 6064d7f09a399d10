package io.raprelay.notifier.practice;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.EventType;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.contracts.PracticeSessionStatusChanged;
import io.raprelay.contracts.RapEvent;
import io.raprelay.notifier.NotifierConfig;
import io.raprelay.notifier.alert.Alert;
import io.raprelay.notifier.alert.NotificationPlanner;
import io.raprelay.notifier.alert.NotificationPlanner.Audience;
import io.raprelay.notifier.alert.NotificationPlanner.Notice;
import io.raprelay.notifier.contact.Channel;
import io.raprelay.notifier.contact.Severity;
import io.raprelay.notifier.delivery.DeliveryService;
import io.raprelay.notifier.site.ActiveDataCentres;
import io.raprelay.notifier.weather.Warning;
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
    /** The notices that say what was decided: the last one sent is what contacts believe. */
    private static final List<String> DECISION_KINDS = List.of(PracticeRules.NoticeKind.DECISION_0900.name(),
            PracticeRules.NoticeKind.CANCELLATION.name(), PracticeRules.NoticeKind.STATUS_BEFORE_START.name(),
            PracticeRules.NoticeKind.CORRECTION.name());
    private static final URI SOURCE = URI.create("urn:rap-relay:notifier");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final WeatherService weather;
    private final NotificationPlanner planner;
    private final DeliveryService delivery;
    private final MutinyEmitter<RapEvent> statuses;
    private final EntityManager entityManager;
    private final PracticeSchedule schedule;
    private final ActiveDataCentres dataCentres;
    private final List<Installation> installations;

    public PracticeSessionService(WeatherService weather, NotificationPlanner planner, DeliveryService delivery,
            @org.eclipse.microprofile.reactive.messaging.Channel("practice-sessions") MutinyEmitter<RapEvent> statuses,
            EntityManager entityManager, PracticeSchedule schedule, ActiveDataCentres dataCentres,
            NotifierConfig config) {
        this.dataCentres = dataCentres;
        this.installations = config.practice().installations();
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
        return List.copyOf(stored.contactIds);
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
            Instant feedDownSince = weather.failingSince();
            PracticeRules.Announcement announcement = QuarkusTransaction.requiringNew()
                    .call(() -> RecordedAnnouncement.latest(stored.id)).orElse(null);
            PracticeRules.Decision decision = PracticeRules.decide(session, timeline, now, feedDownSince,
                    announcement);
            for (PracticeRules.Notice notice : PracticeRules.toSend(session, timeline, now, feedDownSince,
                    announcement)) {
                if (send(stored, session, notice, now)) {
                    sent++;
                }
            }
            // HKEX's word replaces a provisional decision: there is nothing left to confirm or correct.
            boolean announced = announcement != null && !now.isBefore(announcement.recordedAt());
            if (!announced && confirmOrCorrect(stored, session, decision, now)) {
                sent++;
            }
            for (PracticeRules.Notice prompt : PracticeRules.prompts(session, decision, now)) {
                if (send(stored, session, prompt, now)) {
                    sent++;
                }
            }
            for (PracticeSession.Part part : PracticeRules.partsToCheck(session, decision, now)) {
                if (checkDataCentres(stored, session, part, decision, now)) {
                    sent++;
                }
            }
            publishStatus(stored.id, session, decision, now);
        }
        return sent;
    }

    /**
     * Ten minutes into a part, once: every installation must be on the part's data centre (as the fetcher's
     * {@code DataCentreSwitched} events tell); if one is not, the contacts are alerted, naming it. Returns true when
     * an alert was sent.
     */
    private boolean checkDataCentres(ConfiguredSession stored, PracticeSession session, PracticeSession.Part part,
            PracticeRules.Decision decision, Instant now) {
        Instant due = session.at(part.start()).plus(PracticeRules.CHECK_INTO_PART);
        Map<Installation, ActiveDataCentres.Active> active = dataCentres.all();
        List<String> wrong = installations.stream().filter(i -> active.get(i).dataCentre() != part.dataCentre())
                .map(i -> i + " is on " + active.get(i).dataCentre()
                        + (active.get(i).switchedAt() == null
                                ? " (never switched)"
                                : " (switched by " + active.get(i).switchedBy() + " at "
                                        + PracticeRules.HKT.format(active.get(i).switchedAt()) + ")"))
                .toList();
        if (wrong.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                    insert into practice_notice (session_id, kind, due_at, sent_at, status, provisional)
                    values (:id, 'DATA_CENTRE_CHECK', :due, :now, :status, false) on conflict do nothing""")
                    .setParameter("id", session.id()).setParameter("due", due).setParameter("now", now)
                    .setParameter("status", decision.status().name()).executeUpdate());
            return false;
        }
        return send(stored, session, new PracticeRules.Notice(PracticeRules.NoticeKind.DATA_CENTRE_CHECK, due,
                decision.status(), "Ten minutes into " + part.name() + ", which runs on the " + part.dataCentre()
                        + " data centre: " + String.join("; ", wrong) + ". Switch it now (fetcher: POST "
                        + "/api/sites/{installation}/data-centre).",
                false), now);
    }

    /**
     * The last decision notice sent for a session was provisional: once the rules say the same without doubt it is
     * confirmed (recorded, nothing sent); if they now say otherwise, a correction goes out until the session's end
     * ({@link PracticeRules#correction}; once: the correction becomes the last decision notice). Returns true when a
     * correction was sent.
     */
    private boolean confirmOrCorrect(ConfiguredSession stored, PracticeSession session,
            PracticeRules.Decision decision, Instant now) {
        if (decision.status() == PracticeSessionStatus.SCHEDULED) {
            return false;
        }
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                select kind, due_at, status from practice_notice n
                where session_id = :id and provisional and status is not null and kind in (:decisions)
                  and not exists (select 1 from practice_notice later
                      where later.session_id = n.session_id and later.kind in (:decisions)
                        and (later.sent_at, later.due_at) > (n.sent_at, n.due_at))""")
                .setParameter("decisions", DECISION_KINDS)
                .setParameter("id", session.id()).getResultList());
        if (rows.isEmpty()) {
            return false;
        }
        Object[] last = (Object[]) rows.get(0);
        String kind = (String) last[0];
        Instant due = (Instant) last[1];
        String said = (String) last[2];
        boolean same = decision.status().name().equals(said);
        if (same && decision.provisional()) {
            return false; // still uncertain, still the same
        }
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                update practice_notice set provisional = false
                where session_id = :id and kind = :kind and due_at = :due""")
                .setParameter("id", session.id()).setParameter("kind", kind).setParameter("due", due)
                .executeUpdate());
        if (same) {
            Log.infof("Practice session %s: the provisional %s (%s) is confirmed", session.id(), kind, said);
            return false;
        }
        Optional<PracticeRules.Notice> correction = PracticeRules.correction(session,
                PracticeSessionStatus.valueOf(said), decision, now);
        Log.warnf("Practice session %s: the provisional %s said %s, the rules now say %s: %s", session.id(), kind,
                said, decision.status(), correction.isPresent() ? "correction sent" : "the session has started");
        return correction.isPresent() && send(stored, session, correction.get(), now);
    }

    private boolean send(ConfiguredSession stored, PracticeSession session, PracticeRules.Notice notice,
            Instant now) {
        List<Long> planned = QuarkusTransaction.requiringNew().call(() -> {
            int recorded = entityManager.createNativeQuery("""
                    insert into practice_notice (session_id, kind, due_at, sent_at, status, provisional)
                    values (:id, :kind, :due, :now, :status, :provisional)
                    on conflict do nothing""")
                    .setParameter("id", session.id()).setParameter("kind", notice.kind().name())
                    .setParameter("due", notice.at()).setParameter("now", now)
                    .setParameter("status", notice.status().name()).setParameter("provisional", notice.provisional())
                    .executeUpdate();
            if (recorded == 0) {
                return null; // sent before (also before a restart)
            }
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("session", session.id() + " on " + session.date());
            session.parts().forEach(p -> facts.put(p.name(), p.start() + "-" + p.end() + " HKT, " + p.dataCentre()
                    + " data centre"));
            facts.put("status", notice.status().name() + (notice.provisional() ? " (provisional)" : ""));
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
                case CORRECTION -> "correction";
                case PART_PROMPT -> "switch data centre for the next part";
                case BETWEEN_PARTS -> "between the parts";
                case DATA_CENTRE_CHECK -> "WRONG DATA CENTRE";
                case HKEX_ANNOUNCEMENT -> "HKEX announcement";
            };
            Alert alert = new Alert(Severity.CRITICAL, Set.of(ClearingHouse.values()), Map.of(
                    "en", "[RAP Relay] Practice session " + session.date() + ": " + notice.status()
                            + (notice.provisional() ? " (provisional)" : "") + " (" + what + ")",
                    "zh-HK", "[RAP Relay] 演習 " + session.date() + "：" + notice.status()
                            + (notice.provisional() ? "（暫定）" : "") + "（" + what + "）"),
                    facts);
            String eventId = "practice:" + session.id() + ":" + notice.kind() + ":" + notice.at().toEpochMilli();
            Log.infof("Practice session %s: %s notice (%s)", session.id(), notice.kind(), notice.status());
            List<Long> contacts = contactIds(stored);
            return planner.raise(Notice.of(eventId, TYPE, alert, contacts.isEmpty()
                    ? Audience.SUBSCRIBERS
                    : new Audience.Contacts(contacts, EnumSet.allOf(Channel.class))));
        });
        if (planned == null) {
            return false;
        }
        planned.forEach(delivery::submit);
        return true;
    }

    private void publishStatus(String id, PracticeSession session, PracticeRules.Decision decision, Instant now) {
        ConfiguredSession stored = QuarkusTransaction.requiringNew().call(() -> ConfiguredSession.findById(id));
        String previous = stored.status;
        // A new status, or the same one confirmed (or put in doubt): downstream systems learn either.
        if (decision.status().name().equals(previous) && decision.provisional() == stored.statusProvisional) {
            return;
        }
        PracticeSessionStatusChanged changed = new PracticeSessionStatusChanged(
                UUID.nameUUIDFromBytes(("PracticeSessionStatusChanged/" + id + "/" + previous + "/"
                        + stored.statusProvisional + "/" + decision.status() + "/" + decision.provisional())
                        .getBytes(StandardCharsets.UTF_8)).toString(),
                now, id, session.date(), decision.status(), PracticeSessionStatus.valueOf(previous),
                decision.effectiveAt() == null ? now : decision.effectiveAt(), decision.rule(),
                decision.warning() == null ? null : decision.warning().code(),
                decision.warning() == null ? null : decision.warning().issuedAt(), decision.explanation(),
                decision.provisional());
        Message<RapEvent> message = Message.<RapEvent>of(changed)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(changed.kafkaKey()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(changed.eventId()).withType(TYPE)
                        .withSource(SOURCE).withTimestamp(now.atZone(ZoneOffset.UTC)).build());
        statuses.sendMessage(message).await().atMost(Duration.ofSeconds(15));
        QuarkusTransaction.requiringNew().run(() -> {
            ConfiguredSession current = ConfiguredSession.findById(id);
            current.status = decision.status().name();
            current.statusProvisional = decision.provisional();
        });
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

    /**
     * HKEX's announcement, before it is recorded: the status it gives is published (a Kafka failure throws, and the
     * caller records nothing). Returns the decision it makes.
     */
    PracticeRules.Decision publishAnnouncement(ConfiguredSession stored, PracticeRules.Announcement announcement,
            Instant now) {
        PracticeSession session = toSession(stored);
        PracticeRules.Decision decision = PracticeRules.decide(session, weather.timeline(session.date()), now,
                weather.failingSince(), announcement);
        publishStatus(stored.id, session, decision, now);
        return decision;
    }

    /** HKEX's announcement, once recorded: the session's contacts are told, naming HKEX and the reference. */
    void announced(ConfiguredSession stored, PracticeRules.Announcement announcement,
            PracticeRules.Decision decision, Instant now) {
        send(stored, toSession(stored), new PracticeRules.Notice(PracticeRules.NoticeKind.HKEX_ANNOUNCEMENT,
                announcement.recordedAt(), decision.status(), decision.explanation()), now);
    }

    /** Sessions as the API shows them. */
    public List<ConfiguredSession> all() {
        return QuarkusTransaction.requiringNew().call(() -> new ArrayList<>(ConfiguredSession.<ConfiguredSession>list(
                "order by sessionDate")));
    }
}
