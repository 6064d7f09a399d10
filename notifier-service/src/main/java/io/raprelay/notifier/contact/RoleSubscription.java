package io.raprelay.notifier.contact;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
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
import jakarta.persistence.Table;

import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.contracts.ClearingHouse;

/**
 * One subscription of a role: every active contact holding the role receives what it matches (for the installations
 * the contact covers), besides the contact's own subscriptions. Empty event types or clearing houses: all of them.
 */
@Entity
@Table(name = "role_subscription")
public class RoleSubscription extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    /** Trimmed and lower case ({@link #key}): roles match case-insensitively. */
    public String role;
    @Enumerated(EnumType.STRING)
    public Severity minSeverity;
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "role_subscription_event_type", joinColumns = @JoinColumn(name = "subscription_id"))
    @Column(name = "event_type")
    public Set<String> eventTypes = new HashSet<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "role_subscription_house", joinColumns = @JoinColumn(name = "subscription_id"))
    @Column(name = "clearing_house")
    @Enumerated(EnumType.STRING)
    public Set<ClearingHouse> clearingHouses = EnumSet.noneOf(ClearingHouse.class);
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "role_subscription_channel", joinColumns = @JoinColumn(name = "subscription_id"))
    @Column(name = "channel")
    @Enumerated(EnumType.STRING)
    public Set<Channel> channels = EnumSet.noneOf(Channel.class);
    public String updatedBy;
    public Instant updatedAt;

    /** The form a role is kept and compared in. */
    public static String key(String role) {
        return role.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether an alert of this type, for these clearing houses, at this severity, is one the subscription wants. */
    public boolean matches(String eventType, Set<ClearingHouse> houses, Severity severity) {
        return Subscription.wants(eventTypes, clearingHouses, minSeverity, eventType, houses, severity);
    }
}
