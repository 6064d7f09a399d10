package io.raprelay.notifier.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.RapEvent;
import io.raprelay.notifier.contact.Contact;
import io.raprelay.notifier.contact.Subscription;
import io.raprelay.notifier.delivery.Channel;
import io.raprelay.notifier.delivery.Notification;

/**
 * Decides who gets an alert on which channel and records one notification each, in the contact's language. The
 * notification's unique key (event, contact, channel) makes a redelivered event create nothing, also after a restart.
 */
@ApplicationScoped
public class NotificationPlanner {

    private final Template english;
    private final Template chinese;
    private final Clock clock;

    public NotificationPlanner(@Location("alert-en.txt") Template english,
            @Location("alert-zh-HK.txt") Template chinese, Clock clock) {
        this.english = english;
        this.chinese = chinese;
        this.clock = clock;
    }

    /** Records the notifications this event calls for and returns the ids of those not recorded before. */
    @Transactional
    public List<Long> plan(RapEvent event, Alert alert) {
        String type = event.type().cloudEventType();
        Instant now = clock.instant();
        List<Long> created = new ArrayList<>();
        for (Contact contact : Contact.<Contact>list("active", true)) {
            for (Channel channel : channels(contact, type, alert)) {
                if (Notification.count("eventId = ?1 and contactId = ?2 and channel = ?3", event.eventId(),
                        contact.id, channel) > 0) {
                    continue; // redelivered: already planned (and sent, or being retried)
                }
                Notification n = new Notification();
                n.eventId = event.eventId();
                n.eventType = type;
                n.contactId = contact.id;
                n.channel = channel;
                n.severity = alert.severity().name();
                n.subject = alert.titles().get(contact.language);
                n.body = render(contact.language, n.subject, alert, event.eventId());
                n.status = Notification.Status.PENDING;
                n.attempts = 0;
                n.nextAttemptAt = now;
                n.createdAt = now;
                n.updatedAt = now;
                n.persist();
                created.add(n.id);
            }
        }
        return created;
    }

    /** The channels of every subscription of the contact that matches the event. */
    static Set<Channel> channels(Contact contact, String eventType, Alert alert) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
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
