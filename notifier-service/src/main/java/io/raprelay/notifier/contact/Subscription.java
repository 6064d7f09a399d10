package io.raprelay.notifier.contact;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.contracts.ClearingHouse;

/** One rule of what a contact receives; empty event types or clearing houses: all of them. */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne
    @JoinColumn(name = "contact_id")
    public Contact contact;
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "subscription_event_type", joinColumns = @JoinColumn(name = "subscription_id"))
    @Column(name = "event_type")
    public Set<String> eventTypes = new HashSet<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "subscription_house", joinColumns = @JoinColumn(name = "subscription_id"))
    @Column(name = "clearing_house")
    @Enumerated(EnumType.STRING)
    public Set<ClearingHouse> clearingHouses = EnumSet.noneOf(ClearingHouse.class);
    @Enumerated(EnumType.STRING)
    public Severity minSeverity;
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "subscription_channel", joinColumns = @JoinColumn(name = "subscription_id"))
    @Column(name = "channel")
    @Enumerated(EnumType.STRING)
    public Set<Channel> channels = EnumSet.noneOf(Channel.class);

    /** Whether an alert of this type, for these clearing houses, at this severity, is one the subscription wants. */
    public boolean matches(String eventType, Set<ClearingHouse> houses, Severity severity) {
        return wants(eventTypes, clearingHouses, minSeverity, eventType, houses, severity);
    }

    /**
     * The one rule of a subscription, a contact's or a role's: its event types and clearing houses (empty: all) hold
     * the alert's, and the alert is at least as severe.
     */
    static boolean wants(Set<String> eventTypes, Set<ClearingHouse> clearingHouses, Severity minSeverity,
            String eventType, Set<ClearingHouse> houses, Severity severity) {
        return (eventTypes.isEmpty() || eventTypes.contains(eventType))
                && (clearingHouses.isEmpty() || clearingHouses.stream().anyMatch(houses::contains))
                && severity.compareTo(minSeverity) >= 0;
    }
}
