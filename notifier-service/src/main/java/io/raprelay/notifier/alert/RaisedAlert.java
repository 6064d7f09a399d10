package io.raprelay.notifier.alert;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.contracts.ClearingHouse;

/**
 * An alert raised one by one (a failure, a failover, an overdue report ...): what it said in each language, whether
 * anyone was sent it, its acknowledgement and how far it has escalated. Keyed by the event that raised it. An update
 * writes only the columns it changed: an escalation check, an acknowledgement and a resolution may change one alert at
 * once, and none erases what another recorded.
 */
@Entity
@DynamicUpdate
@Table(name = "raised_alert")
public class RaisedAlert extends PanacheEntityBase {

    @Id
    public String eventId;
    public String eventType;
    public String severity;
    public String repeatKey;
    public String titleEn;
    public String titleZh;
    public String bodyEn;
    public String bodyZh;
    public Instant raisedAt;
    /** At least one contact was sent it (not every notification held back by a silence or as a repeat). */
    public boolean sent;
    public Instant acknowledgedAt;
    public String acknowledgedBy;
    /** A repeat held back by an earlier acknowledgement: that alert's event id. */
    public String coveredBy;
    public Instant resolvedAt;
    /** 1: the contacts the routing chose; 2, 3 ...: the escalation tiers told so far. */
    public int escalatedTier;
    /** Nothing more to escalate: acknowledged, resolved, its last tier told, or no policy applies. */
    public boolean escalationDone;
    /** The clearing houses it concerns: a tier named by role reaches the role's contacts covering one of them. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "raised_alert_house", joinColumns = @JoinColumn(name = "event_id"))
    @Column(name = "clearing_house")
    @Enumerated(EnumType.STRING)
    public Set<ClearingHouse> clearingHouses = new HashSet<>();

    public String title(String language) {
        return "zh-HK".equals(language) ? titleZh : titleEn;
    }

    public String body(String language) {
        return "zh-HK".equals(language) ? bodyZh : bodyEn;
    }

    /**
     * Acknowledged by {@code by} now, unless it already was: its escalation stops, and its repeats are held back for
     * {@code notifier.acknowledgement.holds-for}. Returns whether this call acknowledged it.
     */
    public boolean acknowledge(String by, Instant now) {
        if (acknowledgedAt != null) {
            return false;
        }
        acknowledgedAt = now;
        acknowledgedBy = by;
        escalationDone = true;
        return true;
    }

    /** A repeat of a failure {@code ack} acknowledged: it counts as acknowledged too, and escalates no further. */
    void coverBy(RaisedAlert ack) {
        acknowledgedAt = ack.acknowledgedAt;
        acknowledgedBy = ack.acknowledgedBy;
        coveredBy = ack.eventId;
        escalationDone = true;
    }

    /** Its cause ended (an overdue report arrived, an account is reachable again): it escalates no further. */
    void resolve(Instant now) {
        if (resolvedAt == null) {
            resolvedAt = now;
            escalationDone = true;
        }
    }

    /** The latest acknowledged alert of the same failure acknowledged since {@code since}, if any. */
    static Optional<RaisedAlert> acknowledgedRepeat(String repeatKey, Instant since) {
        return RaisedAlert.<RaisedAlert>find("repeatKey = ?1 and acknowledgedAt >= ?2 and coveredBy is null"
                + " order by acknowledgedAt desc", repeatKey, since).firstResultOptional();
    }
}
