package io.raprelay.notifier.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.RapEvent;
import io.raprelay.notifier.NotifierConfig;
import io.raprelay.notifier.contact.Channel;
import io.raprelay.notifier.contact.Contact;
import io.raprelay.notifier.contact.Severity;
import io.raprelay.notifier.contact.Subscription;
import io.raprelay.notifier.delivery.Notification;

/**
 * Decides who gets an alert on which channel and records one notification each, in the contact's language. The
 * notification's unique key (event, contact, channel) makes a redelivered event create nothing, also after a restart.
 */
@ApplicationScoped
public class NotificationPlanner {

    private final Template english;
    private final Template chinese;
    private final Duration repeatInterval;
    private final Clock clock;

    public NotificationPlanner(@Location("alert-en.txt") Template english,
            @Location("alert-zh-HK.txt") Template chinese, NotifierConfig config, Clock clock) {
        this.english = english;
        this.chinese = chinese;
        this.repeatInterval = config.repeatInterval();
        this.clock = clock;
    }

    /** Records the notifications this event calls for and returns the ids of those to send. */
    @Transactional
    public List<Long> plan(RapEvent event, Alert alert) {
        return plan(event.eventId(), event.type().cloudEventType(), alert);
    }

    /**
     * As {@link #plan(RapEvent, Alert)} for a notice with an id of its own (a digest). Non-critical notices covered by
     * a silence, and repeats of the same failure within the repeat interval, are recorded as SUPPRESSED, not sent.
     */
    @Transactional
    public List<Long> plan(String eventId, String type, Alert alert) {
        return plan(eventId, type, alert, Contact.<Contact>list("active", true), c -> channels(c, type, alert), true);
    }

    /** As {@link #plan(String, String, Alert)} for named contacts (a session's own), on the given channels. */
    @Transactional
    public List<Long> planFor(String eventId, String type, Alert alert, List<Long> contactIds, Set<Channel> on) {
        return plan(eventId, type, alert, Contact.<Contact>list("active = true and id in ?1", contactIds), c -> on,
                true);
    }

    /**
     * A notice that something earlier ended (an overdue report arrived): to exactly the contacts, on exactly the
     * channels, that were told of {@code earlierEventId} (what a silence or a repeat held back does not count).
     */
    @Transactional
    public List<Long> planFollowUp(String eventId, String type, Alert alert, String earlierEventId) {
        Map<Long, Set<Channel>> told = new LinkedHashMap<>();
        Notification.<Notification>list("eventId = ?1 and status <> ?2", earlierEventId,
                Notification.Status.SUPPRESSED)
                .forEach(n -> told.computeIfAbsent(n.contactId, id -> EnumSet.noneOf(Channel.class)).add(n.channel));
        if (told.isEmpty()) {
            return List.of();
        }
        return plan(eventId, type, alert, Contact.<Contact>list("active = true and id in ?1", told.keySet()),
                c -> told.get(c.id), true);
    }

    /**
     * A notice about a silence to its owner, by email and (with a mobile) SMS: never held back by a silence, the one
     * it is about included.
     */
    @Transactional
    public List<Long> planForSilenceOwner(String eventId, String type, Alert alert, long ownerContactId) {
        return plan(eventId, type, alert, Contact.<Contact>list("active = true and id = ?1", ownerContactId),
                c -> c.mobile == null || c.mobile.isBlank() ? EnumSet.of(Channel.EMAIL) : EnumSet.allOf(Channel.class),
                false);
    }

    private List<Long> plan(String eventId, String type, Alert alert, List<Contact> contacts,
            Function<Contact, Set<Channel>> channelsOf, boolean obeySilences) {
        Instant now = clock.instant();
        boolean silenced = obeySilences && alert.severity() != Severity.CRITICAL && silenced(type, alert, now);
        List<Long> created = new ArrayList<>();
        for (Contact contact : contacts) {
            for (Channel channel : channelsOf.apply(contact)) {
                if (Notification.count("eventId = ?1 and contactId = ?2 and channel = ?3", eventId, contact.id,
                        channel) > 0) {
                    continue; // redelivered: already planned (and sent, or being retried)
                }
                boolean repeat = alert.repeatKey() != null && Notification.count(
                        "contactId = ?1 and channel = ?2 and repeatKey = ?3 and createdAt > ?4 and status <> ?5",
                        contact.id, channel, alert.repeatKey(), now.minus(repeatInterval),
                        Notification.Status.SUPPRESSED) > 0;
                Notification n = new Notification();
                n.eventId = eventId;
                n.repeatKey = alert.repeatKey();
                n.eventType = type;
                n.contactId = contact.id;
                n.channel = channel;
                n.severity = alert.severity().name();
                n.subject = alert.titles().get(contact.language);
                n.body = render(contact.language, n.subject, alert, eventId);
                n.status = silenced || repeat ? Notification.Status.SUPPRESSED : Notification.Status.PENDING;
                n.attempts = 0;
                n.nextAttemptAt = n.status == Notification.Status.PENDING ? now : null;
                n.createdAt = now;
                n.updatedAt = now;
                n.persist();
                if (n.status == Notification.Status.PENDING) {
                    created.add(n.id);
                } else {
                    Log.infof("Notification %d (%s to contact %d) suppressed: %s", n.id, channel, contact.id,
                            silenced ? "a silence covers it" : "the same failure was sent within " + repeatInterval);
                }
            }
        }
        return created;
    }

    private static boolean silenced(String type, Alert alert, Instant now) {
        return Silence.<Silence>list("startsAt <= ?1 and endsAt > ?1", now).stream().anyMatch(s -> (s.eventTypes
                .isBlank() || List.of(s.eventTypes.split(",")).contains(type))
                && (s.clearingHouses.isBlank() || List.of(s.clearingHouses.split(",")).stream()
                        .map(ClearingHouse::valueOf).anyMatch(alert.clearingHouses()::contains)));
    }

    /**
     * The channels of every subscription of the contact that matches the event; none when the contact covers no
     * installation of the event's clearing houses (a contact is told only about the installations it looks after).
     */
    static Set<Channel> channels(Contact contact, String eventType, Alert alert) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        boolean covers = contact.installations == null || contact.installations.isBlank()
                || List.of(contact.installations.split(",")).stream().map(Installation::valueOf)
                        .flatMap(i -> i.clearingHouses().stream()).anyMatch(alert.clearingHouses()::contains);
        if (!covers) {
            return channels;
        }
        for (Subscription s : contact.subscriptions) {
            boolean type = s.eventTypes.isBlank() || List.of(s.eventTypes.split(",")).contains(eventType);
            boolean house = s.clearingHouses.isBlank() || List.of(s.clearingHouses.split(",")).stream()
                    .map(ClearingHouse::valueOf).anyMatch(alert.clearingHouses()::contains);
            boolean severe = alert.severity().compareTo(Severity.valueOf(s.minSeverity)) >= 0;
            if (type && house && severe) {
                List.of(s.channels.split(",")).forEach(c -> channels.add(Channel.valueOf(c)));
            }
        }
        return channels;
    }

    private String render(String language, String title, Alert alert, String eventId) {
        Map<String, String> facts = new LinkedHashMap<>(alert.facts());
        return ("zh-HK".equals(language) ? chinese : english).data("title", title).data("facts", facts.entrySet())
                .data("severity", alert.severity()).data("eventId", eventId).render();
    }
}
