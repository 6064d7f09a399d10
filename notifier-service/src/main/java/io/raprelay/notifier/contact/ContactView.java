package io.raprelay.notifier.contact;

import java.time.Instant;
import java.util.List;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.Installation;

/** A contact as the API shows it. */
public record ContactView(long id, String name, String email, String mobile, String language, boolean active,
        List<Installation> installations, List<String> roles, List<SubscriptionView> subscriptions, Instant createdAt,
        Instant updatedAt) {

    public record SubscriptionView(List<String> eventTypes, List<ClearingHouse> clearingHouses, Severity minSeverity,
            List<Channel> channels) {
    }

    static ContactView of(Contact c) {
        return new ContactView(c.id, c.name, c.email, c.mobile, c.language, c.active,
                c.installations.stream().sorted().toList(), List.copyOf(c.roles),
                c.subscriptions.stream().map(s -> new SubscriptionView(s.eventTypes.stream().sorted().toList(),
                        s.clearingHouses.stream().sorted().toList(), s.minSeverity,
                        s.channels.stream().sorted().toList())).toList(),
                c.createdAt, c.updatedAt);
    }
}
