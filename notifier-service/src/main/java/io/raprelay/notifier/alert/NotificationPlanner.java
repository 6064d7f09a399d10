package io.raprelay.notifier.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.Traces;
import io.raprelay.notifier.NotifierConfig;
import io.raprelay.notifier.contact.Channel;
import io.raprelay.notifier.contact.Contact;
import io.raprelay.notifier.contact.RoleSubscription;
import io.raprelay.notifier.contact.Severity;
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
    private final Duration acknowledgementHoldsFor;
    private final AcknowledgementLinks links;
    private final Clock clock;

    public NotificationPlanner(@Location("alert-en.txt") Template english,
            @Location("alert-zh-HK.txt") Template chinese, NotifierConfig config, AcknowledgementLinks links,
            Clock clock) {
        this.english = english;
        this.chinese = chinese;
        this.repeatInterval = config.repeatInterval();
        this.acknowledgementHoldsFor = config.acknowledgement().holdsFor();
        this.links = links;
        this.clock = clock;
    }

    /** What is sent: per language (en, zh-HK) a subject and a body. */
    private record Message(Severity severity, Set<ClearingHouse> clearingHouses, String repeatKey,
            Map<String, String> subjects, Map<String, String> bodies) {
    }

    /**
     * A notice to raise: its id (one notification per contact and channel for it, ever: a redelivered event or a
     * repeated check creates nothing), its type (subscriptions and silences match on it), what it says, and to whom.
     * An {@code acknowledgeable} notice is a {@link RaisedAlert}: its emails carry each contact's signed
     * acknowledgement link, it escalates until acknowledged, and a repeat of a failure someone acknowledged within
     * {@code notifier.acknowledgement.holds-for} is held back (SUPPRESSED) and counts as acknowledged.
     */
    public record Notice(String id, String type, Alert alert, Audience to, boolean acknowledgeable) {

        /** The alert an event calls for, to the subscribers: acknowledgeable. */
        public static Notice of(RapEvent event, Alert alert) {
            return new Notice(event.eventId(), event.type().cloudEventType(), alert, Audience.SUBSCRIBERS, true);
        }

        public static Notice of(String id, String type, Alert alert, Audience to) {
            return new Notice(id, type, alert, to, false);
        }
    }

    /** Who a notice goes to. */
    public sealed interface Audience {

        /**
         * The active contacts whose own subscriptions, or those of a role they hold, match it, on the channels those
         * name, as far as their installations cover its clearing houses. A silence or a repeat within the repeat
         * interval holds back what is not critical.
         */
        Audience SUBSCRIBERS = new Subscribers();

        record Subscribers() implements Audience {
        }

        /** Named active contacts (a practice session's own) on the given channels. */
        record Contacts(List<Long> ids, Set<Channel> channels) implements Audience {
        }

        /**
         * Something earlier ended (an overdue report arrived, an account is reachable again): exactly the contacts,
         * on exactly the channels, that were told of one of {@code eventIds} (what a silence or a repeat held back does
         * not count); those earlier alerts are resolved and escalate no further.
         */
        record ToldOf(List<String> eventIds) implements Audience {
        }

        /** A silence's owner, by email and (with a mobile) SMS: never held back by a silence. */
        record Owner(long contactId) implements Audience {
        }
    }

    /**
     * The one way a notice is raised (alerts, resolved notices, digests, weather and practice notices, silence
     * notices): records one notification per contact and channel of its audience, in each contact's language, and
     * returns the ids of those to send.
     */
    @Transactional
    public List<Long> raise(Notice notice) {
        Instant now = clock.instant();
        RaisedAlert raised = null;
        Message message;
        if (notice.acknowledgeable()) {
            raised = RaisedAlert.findById(notice.id());
            if (raised == null) {
                raised = newRaisedAlert(notice.id(), notice.type(), notice.alert(), now);
            }
            message = new Message(notice.alert().severity(), notice.alert().clearingHouses(),
                    notice.alert().repeatKey(), notice.alert().titles(),
                    Map.of("en", raised.bodyEn, "zh-HK", raised.bodyZh));
        } else {
            message = message(notice.alert(), notice.id());
        }
        List<Contact> contacts;
        Function<Contact, Set<Channel>> channelsOf;
        boolean obeySilences = true;
        if (notice.to() instanceof Audience.Contacts named) {
            contacts = Contact.list("active = true and id in ?1", named.ids());
            channelsOf = c -> named.channels();
        } else if (notice.to() instanceof Audience.ToldOf earlier) {
            RaisedAlert.<RaisedAlert>list("eventId in ?1 and resolvedAt is null", earlier.eventIds())
                    .forEach(alert -> alert.resolve(now));
            Map<Long, Set<Channel>> told = new LinkedHashMap<>();
            for (Notification n : Notification.<Notification>list("eventId in ?1 and status <> ?2",
                    earlier.eventIds(), Notification.Status.SUPPRESSED)) {
                told.computeIfAbsent(n.contactId, id -> EnumSet.noneOf(Channel.class)).add(n.channel);
            }
            if (told.isEmpty()) {
                return List.of();
            }
            contacts = Contact.list("active = true and id in ?1", told.keySet());
            channelsOf = c -> told.get(c.id);
        } else if (notice.to() instanceof Audience.Owner owner) {
            contacts = Contact.list("active = true and id = ?1", owner.contactId());
            channelsOf = NotificationPlanner::allChannels;
            obeySilences = false;
        } else {
            List<RoleSubscription> roles = RoleSubscription.listAll();
            contacts = Contact.list("active", true);
            channelsOf = c -> channels(c, notice.type(), notice.alert(), roles);
        }
        List<Long> created = record(notice.id(), notice.type(), message, contacts, channelsOf, obeySilences,
                raised);
        if (raised != null) {
            raised.sent = raised.sent || !created.isEmpty();
        }
        return created;
    }

    /**
     * An unacknowledged alert to the contacts of an escalation tier (those it names, and the active contacts holding
     * one of its roles whose installations cover the alert's clearing houses), by email and (with a mobile) SMS, never
     * held back by a silence; a contact told of it before is not told again. On the alert's trace.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> escalate(RaisedAlert raised, EscalationPolicy.Tier tier) {
        String minutes = tier.after().toSeconds() % 60 == 0
                ? tier.after().toMinutes() + " min"
                : tier.after().toSeconds() + " s";
        String prefix = "[RAP Relay] ";
        Map<String, String> subjects = Map.of("en", prefix + "Escalated, not acknowledged after " + minutes + ": "
                + raised.titleEn.replace(prefix, ""), "zh-HK",
                prefix + "上報（" + minutes + "內未有確認）："
                        + raised.titleZh.replace(prefix, ""));
        Map<String, String> bodies = Map.of("en", "Escalated to you (tier " + tier.tier() + "): nobody acknowledged "
                + "this alert within " + minutes + " of " + Alert.HKT.format(raised.raisedAt) + ".\n\n"
                + raised.bodyEn, "zh-HK",
                "此警報於 " + Alert.HKT.format(raised.raisedAt) + " 發出後 " + minutes
                        + " 內未有人確認，現上報予閣下（第 " + tier.tier() + " 級）。\n\n" + raised.bodyZh);
        Message message = new Message(Severity.valueOf(raised.severity), Set.of(), null, subjects, bodies);
        List<Contact> contacts = Contact.<Contact>list("active = true order by id").stream()
                .filter(c -> tier.contactIds().contains(c.id) || tier.roles().stream().anyMatch(c::holds)
                        && c.covers(raised.clearingHouses))
                .toList();
        // The tier's notifications go on the alert's trace: their deliveries show beside the first ones.
        String traceParent = Notification.<Notification>find("eventId = ?1 and traceParent is not null order by id",
                raised.eventId).firstResultOptional().map(n -> n.traceParent).orElse(null);
        try (Scope scope = Traces.fromTraceparent(traceParent).makeCurrent()) {
            return record(raised.eventId, raised.eventType, message, contacts, NotificationPlanner::allChannels,
                    false, raised);
        }
    }

    /**
     * Resolves the open alerts of a type about exactly these clearing houses, all but {@code exceptEventId} (a return
     * to the primary data centre ends the switch away from it and its reminders): they leave the open list and
     * escalate no further. Returns how many.
     */
    @Transactional
    public int resolveOpen(String type, Set<ClearingHouse> clearingHouses, String exceptEventId) {
        Instant now = clock.instant();
        List<RaisedAlert> open = RaisedAlert
                .<RaisedAlert>list("eventType = ?1 and resolvedAt is null and eventId <> ?2",
                        type, exceptEventId)
                .stream().filter(a -> a.clearingHouses.equals(clearingHouses)).toList();
        open.forEach(a -> a.resolve(now));
        return open.size();
    }

    private static Set<Channel> allChannels(Contact contact) {
        return contact.mobile == null || contact.mobile.isBlank()
                ? EnumSet.of(Channel.EMAIL)
                : EnumSet.allOf(Channel.class);
    }

    private RaisedAlert newRaisedAlert(String eventId, String type, Alert alert, Instant now) {
        RaisedAlert raised = new RaisedAlert();
        raised.eventId = eventId;
        raised.eventType = type;
        raised.severity = alert.severity().name();
        raised.repeatKey = alert.repeatKey();
        raised.titleEn = alert.titles().get("en");
        raised.titleZh = alert.titles().get("zh-HK");
        raised.bodyEn = render("en", raised.titleEn, alert, eventId);
        raised.bodyZh = render("zh-HK", raised.titleZh, alert, eventId);
        raised.raisedAt = now;
        raised.clearingHouses.addAll(alert.clearingHouses());
        raised.escalatedTier = 1;
        if (alert.repeatKey() != null) {
            RaisedAlert.acknowledgedRepeat(alert.repeatKey(), now.minus(acknowledgementHoldsFor))
                    .ifPresent(raised::coverBy);
        }
        raised.persist();
        return raised;
    }

    private Message message(Alert alert, String eventId) {
        Map<String, String> bodies = new HashMap<>();
        alert.titles().forEach((language, title) -> bodies.put(language, render(language, title, alert, eventId)));
        return new Message(alert.severity(), alert.clearingHouses(), alert.repeatKey(), alert.titles(), bodies);
    }

    /**
     * Records one notification per contact and channel (none twice for the same event) and returns the ids of those
     * to send; those a silence, a repeat or an acknowledgement holds back are recorded SUPPRESSED. With a raised alert,
     * each email carries the contact's acknowledgement link.
     */
    private List<Long> record(String eventId, String type, Message message, List<Contact> contacts,
            Function<Contact, Set<Channel>> channelsOf, boolean obeySilences, RaisedAlert raised) {
        Instant now = clock.instant();
        boolean silenced = obeySilences && message.severity() != Severity.CRITICAL
                && silenced(type, message.clearingHouses(), now);
        boolean acknowledged = raised != null && raised.coveredBy != null;
        List<Long> created = new ArrayList<>();
        for (Contact contact : contacts) {
            for (Channel channel : channelsOf.apply(contact)) {
                if (Notification.count("eventId = ?1 and contactId = ?2 and channel = ?3", eventId, contact.id,
                        channel) > 0) {
                    continue; // redelivered: already planned (and sent, or being retried)
                }
                boolean repeat = message.repeatKey() != null && Notification.count(
                        "contactId = ?1 and channel = ?2 and repeatKey = ?3 and createdAt > ?4 and status <> ?5",
                        contact.id, channel, message.repeatKey(), now.minus(repeatInterval),
                        Notification.Status.SUPPRESSED) > 0;
                Notification n = new Notification();
                n.eventId = eventId;
                n.repeatKey = message.repeatKey();
                n.traceParent = Traces.traceparent();
                n.eventType = type;
                n.contactId = contact.id;
                n.channel = channel;
                n.severity = message.severity().name();
                n.subject = message.subjects().get(contact.language);
                n.body = message.bodies().get(contact.language);
                if (raised != null && channel == Channel.EMAIL) {
                    n.body += ("zh-HK".equals(contact.language)
                            ? "\n確認收悉（停止此警報的重複通知及上報）："
                            : "\nAcknowledge (stops its repeats and escalation): ")
                            + links.link(eventId, contact.id) + "\n";
                }
                n.status = silenced || repeat || acknowledged
                        ? Notification.Status.SUPPRESSED
                        : Notification.Status.PENDING;
                n.attempts = 0;
                n.nextAttemptAt = n.status == Notification.Status.PENDING ? now : null;
                n.createdAt = now;
                n.updatedAt = now;
                n.persist();
                if (n.status == Notification.Status.PENDING) {
                    created.add(n.id);
                } else {
                    Log.infof("Notification %d (%s to contact %d) suppressed: %s", n.id, channel, contact.id,
                            silenced
                                    ? "a silence covers it"
                                    : acknowledged
                                            ? raised.acknowledgedBy + " acknowledged the same failure ("
                                                    + raised.coveredBy + ")"
                                            : "the same failure was sent within " + repeatInterval);
                }
            }
        }
        return created;
    }

    private static boolean silenced(String type, Set<ClearingHouse> clearingHouses, Instant now) {
        return Silence.<Silence>list("startsAt <= ?1 and endsAt > ?1", now).stream()
                .anyMatch(s -> s.covers(type, clearingHouses));
    }

    /**
     * The channels of every subscription of the contact, and of every role it holds, that matches the event; none when
     * the contact covers no installation of the event's clearing houses (a contact is told only about the
     * installations it looks after).
     */
    static Set<Channel> channels(Contact contact, String eventType, Alert alert, List<RoleSubscription> roles) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (!contact.covers(alert.clearingHouses())) {
            return channels;
        }
        roles.stream().filter(r -> contact.holds(r.role))
                .filter(r -> r.matches(eventType, alert.clearingHouses(), alert.severity()))
                .forEach(r -> channels.addAll(r.channels));
        contact.subscriptions.stream()
                .filter(s -> s.matches(eventType, alert.clearingHouses(), alert.severity()))
                .forEach(s -> channels.addAll(s.channels));
        return channels;
    }

    private String render(String language, String title, Alert alert, String eventId) {
        Map<String, String> facts = new LinkedHashMap<>(alert.facts());
        return ("zh-HK".equals(language) ? chinese : english).data("title", title).data("facts", facts.entrySet())
                .data("severity", alert.severity()).data("eventId", eventId).render();
    }
}
