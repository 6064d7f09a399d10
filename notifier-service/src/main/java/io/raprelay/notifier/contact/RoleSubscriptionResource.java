package io.raprelay.notifier.contact;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.notifier.contact.ContactRequest.SubscriptionRequest;

/**
 * What a role receives (roles as contacts carry them, e.g. "duty manager"): subscriptions that every active contact
 * holding the role gets, for the installations that contact covers, besides its own. A rota then changes the roles of
 * contacts, and who is told follows, without editing anyone's subscriptions.
 */
@Path("/api/role-subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class RoleSubscriptionResource {

    /** A role's subscriptions and the active contacts holding the role now. */
    public record RoleView(String role, List<SubscriptionRequest> subscriptions, List<Long> holders, String updatedBy,
            Instant updatedAt) {
    }

    private final SecurityIdentity identity;
    private final Clock clock;

    public RoleSubscriptionResource(SecurityIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({"operator", "admin", "auditor"})
    @Transactional
    public List<RoleView> list() {
        Map<String, List<RoleSubscription>> byRole = new LinkedHashMap<>();
        RoleSubscription.<RoleSubscription>list("order by role, id")
                .forEach(s -> byRole.computeIfAbsent(s.role, r -> new ArrayList<>()).add(s));
        return byRole.entrySet().stream().map(e -> view(e.getKey(), e.getValue())).toList();
    }

    @GET
    @Path("/{role}")
    @RolesAllowed({"operator", "admin", "auditor"})
    @Transactional
    public RoleView get(@PathParam("role") String role) {
        List<RoleSubscription> subscriptions = of(role);
        if (subscriptions.isEmpty()) {
            throw new NotFoundException("No subscriptions for the role " + role);
        }
        return view(RoleSubscription.key(role), subscriptions);
    }

    /** Sets what the role receives, replacing what it had. */
    @PUT
    @Path("/{role}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    @Transactional
    public RoleView put(
            @PathParam("role") @Pattern(regexp = Contact.ROLE_PATTERN, message = Contact.ROLE_RULE) String role,
            @Valid @NotNull(message = "subscriptions are required") RoleSubscriptionsRequest request) {
        String key = RoleSubscription.key(role);
        RoleSubscription.delete("role", key);
        Instant now = clock.instant();
        String by = identity.getPrincipal().getName();
        List<RoleSubscription> saved = new ArrayList<>();
        for (SubscriptionRequest s : request.subscriptions()) {
            RoleSubscription subscription = new RoleSubscription();
            subscription.role = key;
            subscription.minSeverity = s.minSeverity();
            if (s.eventTypes() != null) {
                subscription.eventTypes.addAll(s.eventTypes());
            }
            if (s.clearingHouses() != null) {
                subscription.clearingHouses.addAll(s.clearingHouses());
            }
            subscription.channels.addAll(s.channels());
            subscription.updatedBy = by;
            subscription.updatedAt = now;
            subscription.persist();
            saved.add(subscription);
        }
        Log.infof("Subscriptions of the role '%s' set by %s: %d", key, by, saved.size());
        return view(key, saved);
    }

    @DELETE
    @Path("/{role}")
    @RolesAllowed({"operator", "admin"})
    @Transactional
    public void delete(@PathParam("role") String role) {
        if (of(role).isEmpty()) {
            throw new NotFoundException("No subscriptions for the role " + role);
        }
        RoleSubscription.delete("role", RoleSubscription.key(role));
        Log.infof("Subscriptions of the role '%s' removed by %s", RoleSubscription.key(role),
                identity.getPrincipal().getName());
    }

    private static List<RoleSubscription> of(String role) {
        return role == null || role.isBlank()
                ? List.of()
                : RoleSubscription.list("role = ?1 order by id", RoleSubscription.key(role));
    }

    private static RoleView view(String role, List<RoleSubscription> subscriptions) {
        List<SubscriptionRequest> views = subscriptions.stream().map(s -> new SubscriptionRequest(
                List.copyOf(new TreeSet<>(s.eventTypes)), List.copyOf(sorted(s.clearingHouses)), s.minSeverity,
                List.copyOf(sortedChannels(s.channels)))).toList();
        List<Long> holders = Contact.<Contact>list("active = true order by id").stream().filter(c -> c.holds(role))
                .map(c -> c.id).toList();
        RoleSubscription last = subscriptions.get(subscriptions.size() - 1);
        return new RoleView(role, views, holders, last.updatedBy, last.updatedAt);
    }

    private static Set<ClearingHouse> sorted(Set<ClearingHouse> houses) {
        return houses.isEmpty() ? Set.of() : EnumSet.copyOf(houses);
    }

    private static Set<Channel> sortedChannels(Set<Channel> channels) {
        return channels.isEmpty() ? Set.of() : EnumSet.copyOf(channels);
    }
}
