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
     * Raises the alert an event calls for (a {@link RaisedAlert}: it can be acknowledged and escalated), records its
     * notifications and returns the ids of those to send. Each email carries the contact's signed acknowledgement
     * link. A repeat of a failure someone acknowledged within {@code notifier.acknowledgement.holds-for} is held back
     * (SUPPRESSED) and counts as acknowledged.
     */
    @Transactional
    public List<Long> plan(RapEvent event, Alert alert) {
        String type = event.type().cloudEventType();
        Instant now = clock.instant();
        RaisedAlert raised = RaisedAlert.findById(event.eventId());
        if (raised == null) {
            raised = raise(event.eventId(), type, alert, now);
        }
        Message message = new Message(alert.severity(), alert.clearingHouses(), alert.repeatKey(), alert.titles(),
                Map.of("en", raised.bodyEn, "zh-HK", raised.bodyZh));
        List<RoleSubscription> roles = RoleSubscription.listAll();
        List<Long> created = plan(event.eventId(), type, message, Contact.<Contact>list("active", true),
                c -> channels(c, type, alert, roles), true, raised);
        raised.sent = raised.sent || !created.isEmpty();
        return created;
    }

    /**
     * As {@link #plan(RapEvent, Alert)} for a notice with an id of its own (a digest). Non-critical notices covered by
     * a silence, and repeats of the same failure within the repeat interval, are recorded as SUPPRESSED, not sent.
     */
    @Transactional
    public List<Long> plan(String eventId, String type, Alert alert) {
        List<RoleSubscription> roles = RoleSubscription.listAll();
        return plan(eventId, type, message(alert, eventId), Contact.<Contact>list("active", true),
                c -> channels(c, type, alert, roles), true, null);
    }

    /** As {@link #plan(String, String, Alert)} for named contacts (a session's own), on the given channels. */
    @Transactional
    public List<Long> planFor(String eventId, String type, Alert alert, List<Long> contactIds, Set<Channel> on) {
        return plan(eventId, type, message(alert, eventId),
                Contact.<Contact>list("active = true and id in ?1", contactIds), c -> on, true, null);
    }

    /**
     * An unacknowledged alert to the contacts of an escalation tier (those it names, and the active contacts holding
     * one of its roles whose installations cover the alert's clearing houses), by email and (with a mobile) SMS, never
     * held back by a silence; a contact told of it before is not told again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> planEscalation(RaisedAlert raised, EscalationPolicy.Tier tier) {
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
        return plan(raised.eventId, raised.eventType, message, contacts, NotificationPlanner::allChannels, false,
                raised);
    }

    /**
     * A notice that something earlier ended (an overdue report arrived, an account is reachable again): to exactly the
     * contacts, on exactly the channels, that were told of one of {@code earlierEventIds} (what a silence or a repeat
     * held back does not count); those earlier alerts are resolved and escalate no further.
     */
    @Transactional
    public List<Long> planFollowUp(String eventId, String type, Alert alert, List<String> earlierEventIds) {
        Instant now = clock.instant();
        RaisedAlert.<RaisedAlert>list("eventId in ?1 and resolvedAt is null", earlierEventIds)
                .forEach(earlier -> earlier.resolve(now));
        Map<Long, Set<Channel>> told = new LinkedHashMap<>();
        Notification.<Notification>list("eventId in ?1 and status <> ?2", earlierEventIds,
                Notification.Status.SUPPRESSED)
                .forEach(n -> told.computeIfAbsent(n.contactId, id -> EnumSet.noneOf(Channel.class)).add(n.channel));
        if (told.isEmpty()) {
            return List.of();
        }
        return plan(eventId, type, message(alert, eventId),
                Contact.<Contact>list("active = true and id in ?1", told.keySet()), c -> told.get(c.id), true, null);
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

    /**
     * A notice about a silence to its owner, by email and (with a mobile) SMS: never held back by a silence, the one
     * it is about included.
     */
    @Transactional
    public List<Long> planForSilenceOwner(String eventId, String type, Alert alert, long ownerContactId) {
        return plan(eventId, type, message(alert, eventId),
                Contact.<Contact>list("active = true and id = ?1", ownerContactId), NotificationPlanner::allChannels,
                false, null);
    }

    private static Set<Channel> allChannels(Contact contact) {
        return contact.mobile == null || contact.mobile.isBlank()
                ? EnumSet.of(Channel.EMAIL)
                : EnumSet.allOf(Channel.class);
    }

    private RaisedAlert raise(String eventId, String type, Alert alert, Instant now) {
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
    private List<Long> plan(String eventId, String type, Message message, List<Contact> contacts,
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
