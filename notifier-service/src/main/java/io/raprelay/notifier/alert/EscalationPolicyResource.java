package io.raprelay.notifier.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.raprelay.notifier.BadFieldException;
import io.raprelay.notifier.contact.Contact;
import io.raprelay.notifier.contact.EventTypeName;
import io.raprelay.notifier.contact.Severity;

/**
 * Escalation policies, one per event type: when an alert of that type at or above {@code minSeverity} is still
 * unacknowledged {@code after} its tier's delay, the tier's contacts are told (by email and SMS): those it names, and
 * those holding one of its roles who cover the alert's clearing houses; tier after tier ({@link Escalations}). A
 * policy applies to the alerts raised while it exists.
 */
@Path("/api/escalation-policies")
@Produces(MediaType.APPLICATION_JSON)
public class EscalationPolicyResource {

    /** The most tiers a policy may have, and the longest delay of one. */
    static final int MAX_TIERS = 5;
    static final Duration MAX_AFTER = Duration.ofDays(1);
    static final String TIERS_RULE = "1 to " + MAX_TIERS + " tiers are required";

    /**
     * @param after
     *            ISO-8601 duration after the alert was raised (e.g. {@code PT10M}); each tier later than the one before
     * @param contactIds
     *            active contacts
     * @param roles
     *            roles as contacts carry them (e.g. "duty manager"): the active contacts holding one when the tier is
     *            due, whose installations cover the alert's clearing houses. A tier needs contacts, roles or both.
     */
    public record TierRequest(
            @NotNull(message = "is required: an ISO-8601 duration after the alert (PT10M)") Duration after,
            @Size(max = 50, message = "at most 50 contacts") List<@NotNull(message = "is empty") Long> contactIds,
            @Size(max = 10, message = "at most 10 roles") List<@NotNull(message = "is empty") @Pattern(regexp = Contact.ROLE_PATTERN, message = Contact.ROLE_RULE) String> roles) {
    }

    /**
     * @param minSeverity
     *            alerts below it do not escalate; default CRITICAL
     * @param tiers
     *            tier 2 first (tier 1 are the contacts the routing chose)
     */
    public record PolicyRequest(Severity minSeverity,
            @NotNull(message = TIERS_RULE) @Size(min = 1, max = MAX_TIERS, message = TIERS_RULE) List<@NotNull(message = "is empty") @Valid TierRequest> tiers) {
    }

    public record PolicyView(String eventType, Severity minSeverity, List<EscalationPolicy.Tier> tiers,
            String updatedBy, Instant updatedAt) {

        static PolicyView of(EscalationPolicy p) {
            return new PolicyView(p.eventType, p.minSeverity, p.tiers(), p.updatedBy, p.updatedAt);
        }
    }

    private final SecurityIdentity identity;
    private final Clock clock;

    public EscalationPolicyResource(SecurityIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({"operator", "admin", "auditor"})
    @Transactional
    public List<PolicyView> list() {
        return EscalationPolicy.<EscalationPolicy>list("order by eventType").stream().map(PolicyView::of).toList();
    }

    /** Sets the policy of an event type (replacing the one it had). */
    @PUT
    @Path("/{eventType}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    @Transactional
    public PolicyView put(@PathParam("eventType") @EventTypeName String eventType,
            @Valid @NotNull(message = "a policy is required") PolicyRequest request) {
        // Checked by Bean Validation: a known type, 1 to 5 tiers, each with a delay, roles as contacts carry them.
        // Here: what needs the tiers together or the database.
        List<EscalationPolicy.Step> steps = new ArrayList<>();
        List<EscalationPolicy.RoleStep> roleSteps = new ArrayList<>();
        Duration before = Duration.ZERO;
        for (int i = 0; i < request.tiers().size(); i++) {
            TierRequest tier = request.tiers().get(i);
            String field = "tiers[" + i + "]";
            if (tier.after().compareTo(before) <= 0 || tier.after().compareTo(MAX_AFTER) > 0) {
                throw new BadFieldException(field + ".after", "must be later than the tier before it (or than the "
                        + "alert, for the first) and at most " + MAX_AFTER + " after the alert");
            }
            List<Long> contactIds = tier.contactIds() == null ? List.of() : tier.contactIds();
            List<String> roles = tier.roles() == null ? List.of() : tier.roles();
            if (contactIds.isEmpty() && roles.isEmpty()) {
                throw new BadFieldException(field + ".contactIds", "a tier needs contacts, roles or both");
            }
            Set<String> rolesSeen = new HashSet<>();
            for (String role : roles) {
                if (rolesSeen.add(role.trim().toLowerCase(Locale.ROOT))) {
                    roleSteps.add(new EscalationPolicy.RoleStep(i + 2, tier.after(), role.trim()));
                }
            }
            Set<Long> seen = new HashSet<>();
            for (Long id : contactIds) {
                Contact contact = Contact.findById(id);
                if (contact == null || !contact.active) {
                    throw new BadFieldException(field + ".contactIds", "no active contact " + id);
                }
                if (seen.add(id)) {
                    steps.add(new EscalationPolicy.Step(i + 2, tier.after(), id));
                }
            }
            before = tier.after();
        }
        EscalationPolicy policy = EscalationPolicy.findById(eventType);
        if (policy == null) {
            policy = new EscalationPolicy();
            policy.eventType = eventType;
        }
        policy.minSeverity = request.minSeverity() == null ? Severity.CRITICAL : request.minSeverity();
        policy.steps.clear();
        policy.steps.addAll(steps);
        policy.roleSteps.clear();
        policy.roleSteps.addAll(roleSteps);
        policy.updatedBy = identity.getPrincipal().getName();
        policy.updatedAt = clock.instant();
        policy.persist();
        Log.infof("Escalation policy for %s (%s and above) set by %s: %s", eventType, policy.minSeverity,
                policy.updatedBy, policy.tiers());
        return PolicyView.of(policy);
    }

    @DELETE
    @Path("/{eventType}")
    @RolesAllowed({"operator", "admin"})
    @Transactional
    public void delete(@PathParam("eventType") String eventType) {
        EscalationPolicy policy = EscalationPolicy.findById(eventType);
        if (policy == null) {
            throw new NotFoundException("No escalation policy for " + eventType);
        }
        policy.delete();
        Log.infof("Escalation policy for %s removed by %s", eventType, identity.getPrincipal().getName());
    }
}
