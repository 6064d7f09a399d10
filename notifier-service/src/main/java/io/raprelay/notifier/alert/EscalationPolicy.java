package io.raprelay.notifier.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.raprelay.notifier.contact.Severity;

/**
 * Who is told when an alert of one event type, at or above a severity, stays unacknowledged: tier 2's contacts (named,
 * or by role) once its delay has passed since the alert was raised, then tier 3's, and so on (tier 1 are the contacts
 * the routing chose).
 */
@Entity
@Table(name = "escalation_policy")
public class EscalationPolicy extends PanacheEntityBase {

    /** One contact of one tier. */
    @Embeddable
    public static class Step {
        public int tier;
        public long afterSeconds;
        public long contactId;

        public Step() {
        }

        public Step(int tier, Duration after, long contactId) {
            this.tier = tier;
            this.afterSeconds = after.toSeconds();
            this.contactId = contactId;
        }
    }

    /** One role of one tier: whoever holds it (and covers the alert's clearing houses) when the tier is due. */
    @Embeddable
    public static class RoleStep {
        public int tier;
        public long afterSeconds;
        public String role;

        public RoleStep() {
        }

        public RoleStep(int tier, Duration after, String role) {
            this.tier = tier;
            this.afterSeconds = after.toSeconds();
            this.role = role;
        }
    }

    /** A tier: its number (2, 3 ...), its delay after the alert was raised, its contacts and its roles. */
    public record Tier(int tier, Duration after, List<Long> contactIds, List<String> roles) {
    }

    @Id
    public String eventType;
    @Enumerated(EnumType.STRING)
    public Severity minSeverity;
    public String updatedBy;
    public Instant updatedAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "escalation_step", joinColumns = @JoinColumn(name = "event_type"))
    public List<Step> steps = new ArrayList<>();
    @ElementCollection
    @CollectionTable(name = "escalation_role", joinColumns = @JoinColumn(name = "event_type"))
    public List<RoleStep> roleSteps = new ArrayList<>();

    /** The tiers in order. */
    public List<Tier> tiers() {
        Map<Integer, Tier> tiers = new TreeMap<>();
        for (Step s : steps) {
            tiers.computeIfAbsent(s.tier, t -> new Tier(t, Duration.ofSeconds(s.afterSeconds), new ArrayList<>(),
                    new ArrayList<>())).contactIds().add(s.contactId);
        }
        for (RoleStep s : roleSteps) {
            tiers.computeIfAbsent(s.tier, t -> new Tier(t, Duration.ofSeconds(s.afterSeconds), new ArrayList<>(),
                    new ArrayList<>())).roles().add(s.role);
        }
        return List.copyOf(tiers.values());
    }
}
