package io.raprelay.notifier.contact;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;

/** The designated contacts and their subscriptions (roles {@code operator} and {@code admin}). */
@Path("/api/contacts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"operator", "admin"})
public class ContactResource {

    private final SecurityIdentity identity;
    private final Clock clock;

    public ContactResource(SecurityIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @Transactional
    public List<ContactView> list() {
        return Contact.<Contact>listAll().stream().map(ContactView::of).toList();
    }

    @GET
    @Path("/{id: [0-9]{1,18}}")
    @Transactional
    public ContactView get(@PathParam("id") long id) {
        return ContactView.of(find(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(@Valid @NotNull(message = "a contact is required") ContactRequest request) {
        Contact contact = new Contact();
        contact.createdAt = clock.instant();
        apply(contact, request);
        contact.persist();
        Log.infof("Contact %d (%s) created by %s", contact.id, contact.name, identity.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(ContactView.of(contact)).build();
    }

    @PUT
    @Path("/{id: [0-9]{1,18}}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public ContactView update(@PathParam("id") long id,
            @Valid @NotNull(message = "a contact is required") ContactRequest request) {
        Contact contact = find(id);
        apply(contact, request);
        Log.infof("Contact %d (%s) updated by %s", contact.id, contact.name, identity.getPrincipal().getName());
        return ContactView.of(contact);
    }

    /** Deactivates: the contact receives nothing more, and the delivery log keeps what was sent to it. */
    @DELETE
    @Path("/{id: [0-9]{1,18}}")
    @Transactional
    public ContactView deactivate(@PathParam("id") long id) {
        Contact contact = find(id);
        contact.active = false;
        contact.updatedAt = clock.instant();
        Log.infof("Contact %d (%s) deactivated by %s", contact.id, contact.name, identity.getPrincipal().getName());
        return ContactView.of(contact);
    }

    private void apply(Contact contact, ContactRequest request) {
        Instant now = clock.instant();
        contact.name = request.name().trim();
        contact.email = request.email();
        contact.mobile = request.mobile();
        contact.language = request.language();
        contact.active = request.active() == null || request.active();
        contact.installations.clear();
        contact.installations.addAll(request.installations());
        contact.roles.clear();
        if (request.roles() != null) {
            request.roles().stream().map(String::trim).distinct().forEach(contact.roles::add);
        }
        contact.updatedAt = now;
        contact.subscriptions.clear();
        for (ContactRequest.SubscriptionRequest s : request.subscriptions()) {
            Subscription row = new Subscription();
            row.contact = contact;
            if (s.eventTypes() != null) {
                row.eventTypes.addAll(s.eventTypes());
            }
            if (s.clearingHouses() != null) {
                row.clearingHouses.addAll(s.clearingHouses());
            }
            row.minSeverity = s.minSeverity();
            row.channels.addAll(s.channels());
            contact.subscriptions.add(row);
        }
    }

    private static Contact find(long id) {
        Contact contact = Contact.findById(id);
        if (contact == null) {
            throw new NotFoundException("No contact " + id);
        }
        return contact;
    }
}
