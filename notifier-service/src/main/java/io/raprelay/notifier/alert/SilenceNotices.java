package io.raprelay.notifier.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.notifier.NotifierConfig;
import io.raprelay.notifier.alert.NotificationPlanner.Audience;
import io.raprelay.notifier.alert.NotificationPlanner.Notice;
import io.raprelay.notifier.contact.Severity;
import io.raprelay.notifier.delivery.DeliveryService;

/**
 * Tells a silence's owner, once each, that it ends soon ({@code notifier.silences.notice-before} ahead) and that it
 * has ended (also when ended early), so that nothing stays muted without someone knowing. The notice is recorded with
 * the silence in one transaction, so a restart neither loses nor repeats it.
 */
@ApplicationScoped
public class SilenceNotices {

    /** The notices' event type in the delivery log. */
    public static final String TYPE = "rap-relay.silence";

    private final NotificationPlanner planner;
    private final DeliveryService delivery;
    private final Clock clock;
    private final Duration noticeBefore;

    public SilenceNotices(NotificationPlanner planner, DeliveryService delivery, Clock clock, NotifierConfig config) {
        this.planner = planner;
        this.delivery = delivery;
        this.clock = clock;
        this.noticeBefore = config.silences().noticeBefore();
    }

    @Scheduled(every = "{notifier.silences.check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            check();
        } catch (RuntimeException e) {
            // Nothing is recorded for a notice not planned: the next check plans it.
            Log.warnf("Silence notices not planned (%s); tried again at the next check", e.getMessage());
        }
    }

    /** Plans the notices due now; returns the notifications to send. */
    public List<Long> check() {
        Instant now = clock.instant();
        List<Long> planned = QuarkusTransaction.requiringNew().call(() -> {
            List<Long> ids = new ArrayList<>();
            for (Silence silence : Silence.<Silence>list("ownerContactId is not null and endedNoticeAt is null"
                    + " and startsAt <= ?1 and endsAt <= ?2", now, now.plus(noticeBefore))) {
                boolean ended = !silence.endsAt.isAfter(now);
                if (ended) {
                    ids.addAll(planner.raise(Notice.of("silence:" + silence.id + ":ended", TYPE,
                            alert(silence, true), new Audience.Owner(silence.ownerContactId))));
                    silence.endedNoticeAt = now;
                    silence.endingNoticeAt = silence.endingNoticeAt == null ? now : silence.endingNoticeAt;
                } else if (silence.endingNoticeAt == null) {
                    ids.addAll(planner.raise(Notice.of("silence:" + silence.id + ":ending", TYPE,
                            alert(silence, false), new Audience.Owner(silence.ownerContactId))));
                    silence.endingNoticeAt = now;
                }
            }
            return ids;
        });
        planned.forEach(delivery::submit);
        return planned;
    }

    private static Alert alert(Silence silence, boolean ended) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("silence", "#" + silence.id + ": " + silence.reason);
        facts.put("clearing houses", silence.clearingHouses.isEmpty()
                ? "all"
                : silence.clearingHouses.stream().sorted().map(Enum::name).collect(Collectors.joining(",")));
        facts.put("event types", silence.eventTypes.isEmpty()
                ? "all"
                : silence.eventTypes.stream().sorted().collect(Collectors.joining(",")));
        facts.put("from", Alert.HKT.format(silence.startsAt));
        facts.put(ended ? "ended" : "ends", Alert.HKT.format(silence.endsAt));
        facts.put("made by", silence.createdBy);
        facts.put("do", ended
                ? "nothing: the notices it held back go out again; a new silence (POST /api/silences) mutes them again"
                : "nothing to let it end; to go on, make a new silence from its end (POST /api/silences); to end it "
                        + "now, DELETE /api/silences/" + silence.id);
        Set<ClearingHouse> houses = silence.clearingHouses.isEmpty()
                ? Set.of(ClearingHouse.values())
                : Set.copyOf(silence.clearingHouses);
        String when = Alert.HKT.format(silence.endsAt);
        return new Alert(Severity.WARNING, houses, ended
                ? Map.of("en", "[RAP Relay] Silence #" + silence.id + " ended at " + when, "zh-HK",
                        "[RAP Relay] 靜音 #" + silence.id + " 已於 " + when + " 結束")
                : Map.of("en", "[RAP Relay] Silence #" + silence.id + " ends at " + when, "zh-HK",
                        "[RAP Relay] 靜音 #" + silence.id + " 將於 " + when + " 結束"),
                facts);
    }
}
