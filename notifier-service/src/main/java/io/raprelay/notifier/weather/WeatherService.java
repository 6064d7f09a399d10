package io.raprelay.notifier.weather;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.notifier.NotifierConfig;
import io.raprelay.notifier.alert.Alert;
import io.raprelay.notifier.alert.NotificationPlanner;
import io.raprelay.notifier.alert.NotificationPlanner.Audience;
import io.raprelay.notifier.alert.NotificationPlanner.Notice;
import io.raprelay.notifier.contact.Severity;
import io.raprelay.notifier.delivery.DeliveryService;
import io.raprelay.notifier.delivery.Notification;

/**
 * Polls HKO's warning summary and keeps the timeline of warnings as seen: code, action, HKO's issue time, when first
 * and last seen, and when it stopped being in force (cancelled, or no longer listed). The feed failing for longer than
 * {@code notifier.weather.stale-after} is itself an alert, once per outage; when it answers again, whoever was told
 * is told it is back, once (also after a restart in between: the outage alerts not yet followed up are in the
 * delivery log).
 */
@ApplicationScoped
public class WeatherService {

    /** Type used to match subscriptions for the feed's own outage alert (not a contract event). */
    public static final String FEED_DOWN_TYPE = "rap.notifier.weather-feed.down";
    /** Type of the notice that the feed answers again, sent to those told it was down. */
    public static final String FEED_BACK_TYPE = "rap.notifier.weather-feed.back";
    private static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");

    private final NotifierConfig.Weather config;
    private final NotificationPlanner planner;
    private final DeliveryService delivery;
    private final Clock clock;
    private final HttpClient http;
    private volatile Instant failingSince;
    private volatile boolean outageAnnounced;
    private volatile String lastProblem;
    private volatile boolean stopping;
    private volatile boolean polled;
    // An outage alert of an earlier run may wait for its follow-up: looked for at the first good reading.
    private volatile boolean followUpsChecked;

    public WeatherService(NotifierConfig config, NotificationPlanner planner, DeliveryService delivery,
            Clock clock) {
        this.config = config.weather();
        this.planner = planner;
        this.delivery = delivery;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(every = "{notifier.weather.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPoll() {
        if (!stopping) {
            poll();
        }
    }

    /**
     * True once the feed has been read (or tried) since the start, or when it is not polled: decisions taken before
     * would rest on the weather as it was before a restart.
     */
    public boolean ready() {
        return polled || config.pollInterval().equals("off");
    }

    /** One poll of the feed; a failure is logged, counted and, once stale, alerted. Returns true on success. */
    public boolean poll() {
        try {
            return read();
        } finally {
            polled = true;
        }
    }

    private boolean read() {
        Instant now = clock.instant();
        List<Warnsum.Entry> entries;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(config.url()))
                    .timeout(config.timeout()).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException("HKO answered " + response.statusCode());
            }
            entries = Warnsum.parse(response.body());
        } catch (IOException | IllegalArgumentException e) {
            failed(now, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        QuarkusTransaction.requiringNew().run(() -> observe(entries, now));
        if (failingSince != null) {
            Log.infof("Warning feed %s answers again (failing since %s)", config.url(), failingSince);
        }
        if (failingSince != null || !followUpsChecked) {
            tellFeedIsBack(now);
            followUpsChecked = true;
        }
        failingSince = null;
        outageAnnounced = false;
        return true;
    }

    private void failed(Instant now, String problem) {
        if (failingSince == null) {
            failingSince = now;
        }
        lastProblem = problem;
        Log.errorf("Warning feed %s failed (since %s): %s", config.url(), failingSince, problem);
        if (!outageAnnounced && !now.isBefore(failingSince.plus(config.staleAfter()))) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("feed", config.url());
            facts.put("failing since", failingSince.atZone(HONG_KONG).toLocalDateTime() + " HKT");
            facts.put("last problem", problem);
            facts.put("what to do", "enter warnings by hand (POST /api/weather/warnings) until the feed is back");
            Alert alert = new Alert(Severity.ERROR, Set.of(ClearingHouse.values()), Map.of(
                    "en", "[RAP Relay] Weather warning feed unavailable",
                    "zh-HK", "[RAP Relay] 天氣警告資料來源無法使用"), facts);
            planner.raise(Notice.of(FEED_DOWN_TYPE + ":" + failingSince.toEpochMilli(), FEED_DOWN_TYPE, alert,
                    Audience.SUBSCRIBERS)).forEach(delivery::submit);
            outageAnnounced = true;
        }
    }

    /**
     * Each outage alert not yet followed up gets its resolved notice, to exactly the contacts and channels it reached;
     * the notice's id is derived from the alert's, so it is planned once.
     */
    private void tellFeedIsBack(Instant now) {
        @SuppressWarnings("unchecked")
        List<String> unresolved = QuarkusTransaction.requiringNew().call(() -> Notification.getEntityManager()
                .createNativeQuery("""
                        select distinct n.event_id from notification n
                        where n.event_type = :down and n.status <> 'SUPPRESSED' and not exists (
                            select 1 from notification r where r.event_id = :back || n.event_id)""")
                .setParameter("down", FEED_DOWN_TYPE).setParameter("back", FEED_BACK_TYPE + ":")
                .getResultList());
        for (String down : unresolved) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("feed", config.url());
            facts.put("answering again at", now.atZone(HONG_KONG).toLocalDateTime() + " HKT");
            facts.put("what to do", "nothing: warnings are read from the feed again; check any entered by hand");
            Alert alert = new Alert(Severity.INFO, Set.of(ClearingHouse.values()), Map.of(
                    "en", "[RAP Relay] Resolved: weather warning feed available again",
                    "zh-HK", "[RAP Relay] 已解決：天氣警告資料來源已恢復"), facts);
            planner.raise(Notice.of(FEED_BACK_TYPE + ":" + down, FEED_BACK_TYPE, alert,
                    new Audience.ToldOf(List.of(down)))).forEach(delivery::submit);
        }
    }

    /** Applies one reading of the feed to the timeline. */
    void observe(List<Warnsum.Entry> entries, Instant now) {
        Set<Long> listed = new HashSet<>();
        for (Warnsum.Entry e : entries) {
            WarningObservation seen = WarningObservation.<WarningObservation>find(
                    "code = ?1 and issuedAt = ?2 and source = ?3", e.code(), e.issuedAt(), WarningObservation.FEED)
                    .firstResult();
            if (seen == null) {
                seen = new WarningObservation();
                seen.code = e.code();
                seen.statement = e.statement();
                seen.name = e.name();
                seen.source = WarningObservation.FEED;
                seen.issuedAt = e.issuedAt();
                seen.firstSeenAt = now;
                seen.lastSeenAt = now;
                seen.persist();
                Log.infof("Warning seen: %s (%s) issued %s%s", e.name(), e.code(), e.issuedAt(),
                        e.cancelled() ? ", cancelled" : "");
            }
            seen.lastSeenAt = now;
            seen.actionCode = e.actionCode();
            if (e.cancelled() && (seen.endedAt == null || seen.endNotBefore != null)) {
                // HKO's own end time, also when it settles an end we had only bounded after an outage.
                seen.endedAt = e.updatedAt();
                seen.endNotBefore = null;
            }
            listed.add(seen.id);
        }
        for (WarningObservation open : WarningObservation.<WarningObservation>list("endedAt is null and source = ?1",
                WarningObservation.FEED)) {
            if (!listed.contains(open.id)) {
                // No longer listed and its CANCEL not seen: it ended between its last sighting and this reading. The
                // latest possible end decides for now (the safe side); decisions that depend on it are provisional
                // until HKO's own time is known (a CANCEL entry, or an operator entering it).
                open.endedAt = now;
                open.endNotBefore = open.lastSeenAt;
                Log.warnf("Warning no longer listed without a cancellation seen: %s (%s), ended between %s and %s",
                        open.name, open.code, open.lastSeenAt, now);
            }
        }
    }

    /** The warnings that touch a day (Hong Kong time), feed and operator entries, in issue order. */
    @Transactional
    public List<Warning> timeline(LocalDate day) {
        return observations(day).stream().map(w -> new Warning(w.code, w.issuedAt, w.endedAt, w.endNotBefore))
                .toList();
    }

    /** The observations behind {@link #timeline}: in force at some moment of the day, in issue order. */
    @Transactional
    public List<WarningObservation> observations(LocalDate day) {
        Instant start = day.atStartOfDay(HONG_KONG).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(HONG_KONG).toInstant();
        return WarningObservation.list("issuedAt < ?1 and (endedAt is null or endedAt > ?2) order by issuedAt", end,
                start);
    }

    /** Since when the feed has been failing, or null while it answers. */
    public Instant failingSince() {
        return failingSince;
    }

    /** The feed's state for the status API. */
    public Map<String, Object> feedStatus() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("url", config.url());
        status.put("healthy", failingSince == null);
        if (failingSince != null) {
            status.put("failingSince", failingSince);
            status.put("lastProblem", lastProblem);
        }
        return status;
    }
}
