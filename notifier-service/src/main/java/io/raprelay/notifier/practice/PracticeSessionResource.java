package io.raprelay.notifier.practice;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.notifier.BadFieldException;
import io.raprelay.notifier.contact.Contact;

/** Practice sessions as configured data: the June 2025 session ships; operators add the next ones. */
@Path("/api/practice-sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"operator", "admin", "auditor"})
public class PracticeSessionResource {

    public record SessionView(String id, LocalDate date, List<PracticeSession.Part> parts, String hotline,
            List<Long> contactIds, String status) {

        static SessionView of(ConfiguredSession stored) {
            return new SessionView(stored.id, stored.sessionDate, PracticeSessionService.toSession(stored).parts(),
                    stored.hotline, PracticeSessionService.contactIds(stored), stored.status);
        }
    }

    private final PracticeSessionService sessions;
    private final SecurityIdentity identity;
    private final Clock clock;

    public PracticeSessionResource(PracticeSessionService sessions, SecurityIdentity identity, Clock clock) {
        this.sessions = sessions;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    public List<SessionView> list() {
        return sessions.all().stream().map(SessionView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    @Transactional
    public Response create(WhatIfResource.SessionRequest request) {
        if (request == null) {
            throw new BadFieldException("body", "a session is required");
        }
        PracticeSession session = WhatIfResource.session(request);
        if (ConfiguredSession.findById(session.id()) != null) {
            throw new BadFieldException("id", "session '" + session.id() + "' exists already");
        }
        ConfiguredSession stored = new ConfiguredSession();
        stored.id = session.id();
        stored.sessionDate = session.date();
        stored.parts = PracticeSessionService.partsJson(session.parts());
        stored.status = PracticeSessionStatus.SCHEDULED.name();
        if (request.hotline() != null && (request.hotline().isBlank() || request.hotline().length() > 200)) {
            throw new BadFieldException("hotline", "1 to 200 characters");
        }
        stored.hotline = request.hotline() == null ? "CCASS 2979-7111, DCASS 2979-7222" : request.hotline().trim();
        List<Long> contacts = request.contactIds() == null ? List.of() : request.contactIds();
        for (int i = 0; i < contacts.size(); i++) {
            if (contacts.get(i) == null || Contact.findById(contacts.get(i)) == null) {
                throw new BadFieldException("contactIds[" + i + "]", "no such contact");
            }
        }
        stored.contactIds = contacts.stream().map(String::valueOf).collect(Collectors.joining(","));
        stored.createdBy = identity.getPrincipal().getName();
        stored.createdAt = clock.instant();
        stored.persist();
        Log.infof("Practice session %s on %s configured by %s", stored.id, stored.sessionDate, stored.createdBy);
        return Response.status(Response.Status.CREATED).entity(SessionView.of(stored)).build();
    }
}
