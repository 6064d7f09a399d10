package io.raprelay.notifier.practice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.notifier.BadFieldException;
import io.raprelay.notifier.contact.Contact;

/** Practice sessions as configured data: the June 2025 session ships; operators add the next ones. */
@Path("/api/practice-sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"operator", "admin", "auditor"})
public class PracticeSessionResource {

    /**
     * @param announcement
     *            HKEX's newest announcement about the session as recorded, or null: it overrides the rules
     */
    public record SessionView(String id, LocalDate date, List<PracticeSession.Part> parts, String hotline,
            List<Long> contactIds, String status, int revision, boolean withdrawn,
            PracticeRules.Announcement announcement) {

        static SessionView of(ConfiguredSession stored) {
            return new SessionView(stored.id, stored.sessionDate, PracticeSessionService.toSession(stored).parts(),
                    stored.hotline, PracticeSessionService.contactIds(stored), stored.status, stored.revision,
                    stored.withdrawn, QuarkusTransaction.joiningExisting()
                            .call(() -> RecordedAnnouncement.latest(stored.id)).orElse(null));
        }
    }

    /**
     * HKEX's own announcement about a session: the status it gives (PROCEEDING, CANCELLED or TERMINATED), from when
     * (default: now; for a termination, the time HKEX gives), and where it was announced.
     */
    public record AnnouncementRequest(
            @NotNull(message = STATUS_RULE) @Pattern(regexp = "PROCEEDING|CANCELLED|TERMINATED", message = STATUS_RULE) String status,
            OffsetDateTime effectiveAt,
            @NotBlank(message = REFERENCE_RULE) @Size(max = 500, message = REFERENCE_RULE) String reference) {
    }

    static final String STATUS_RULE = "must be one of [CANCELLED, PROCEEDING, TERMINATED] (HKEX's word on the session)";
    static final String REFERENCE_RULE = "is required (where HKEX announced it: the notice's number or address), at "
            + "most 500 characters";
    static final String REASON_RULE = "is required (e.g. HKEX's announcement and its reference), at most 2,000 "
            + "characters";

    /** An edit or postponement: the session's new day, parts, hotline and contacts, and why. */
    public record SessionChange(
            LocalDate date,
            @Size(min = 1, max = 10, message = WhatIfResource.PARTS_RULE) List<WhatIfResource.@NotNull(message = "is empty") @Valid PartRequest> parts,
            @Size(min = 1, max = 200, message = "1 to 200 characters") String hotline,
            @Size(max = 50, message = "at most 50 contacts") List<@NotNull(message = "is empty") Long> contactIds,
            @Size(max = 2000, message = "at most 2,000 characters") String reason) {
    }

    /** A withdrawal (HKEX cancelled the session): why, e.g. the announcement's reference. */
    public record Withdrawal(@NotBlank(message = REASON_RULE) @Size(max = 2000, message = REASON_RULE) String reason) {
    }

    private final PracticeSessionService sessions;
    private final PracticeSchedule schedule;
    private final SecurityIdentity identity;
    private final Clock clock;

    public PracticeSessionResource(PracticeSessionService sessions, PracticeSchedule schedule,
            SecurityIdentity identity, Clock clock) {
        this.sessions = sessions;
        this.schedule = schedule;
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
    public Response create(@Valid @NotNull(message = "a session is required") WhatIfResource.SessionRequest request) {
        PracticeSession session = WhatIfResource.session(request, "");
        if (ConfiguredSession.findById(session.id()) != null) {
            throw new BadFieldException("id", "session '" + session.id() + "' exists already");
        }
        ConfiguredSession stored = new ConfiguredSession();
        stored.id = session.id();
        stored.sessionDate = session.date();
        stored.parts = PracticeSessionService.partsJson(session.parts());
        stored.status = PracticeSessionStatus.SCHEDULED.name();
        stored.hotline = hotline(request.hotline(), "CCASS 2979-7111, DCASS 2979-7222");
        stored.contactIds.addAll(contactIds(request.contactIds()));
        stored.createdBy = identity.getPrincipal().getName();
        stored.createdAt = clock.instant();
        stored.revision = 1;
        stored.persist();
        ConfiguredSession.flush();
        published(() -> schedule.changed(stored, stored.createdBy, null));
        Log.infof("Practice session %s on %s configured by %s", stored.id, stored.sessionDate, stored.createdBy);
        return Response.status(Response.Status.CREATED).entity(SessionView.of(stored)).build();
    }

    /**
     * Edits or postpones a session that has not started: new day, parts, hotline or contacts. Published (revision + 1)
     * before it is committed; the contacts are told when the day or the times change.
     */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public SessionView change(@PathParam("id") String id,
            @Valid @NotNull(message = "a change is required") SessionChange change) {
        String by = identity.getPrincipal().getName();
        Instant now = clock.instant();
        boolean[] moved = new boolean[1];
        ConfiguredSession stored = QuarkusTransaction.requiringNew().call(() -> {
            ConfiguredSession s = open(id, now, false);
            PracticeSession updated = WhatIfResource.session(new WhatIfResource.SessionRequest(id,
                    change.date() == null ? s.sessionDate : change.date(),
                    change.parts() == null ? requests(s) : change.parts(), null, null), "");
            if (updated.start().isBefore(now)) {
                throw new BadFieldException("date", "the session would start in the past ("
                        + PracticeRules.HKT.format(updated.start()) + ")");
            }
            String parts = PracticeSessionService.partsJson(updated.parts());
            moved[0] = !updated.date().equals(s.sessionDate) || !parts.equals(s.parts);
            s.sessionDate = updated.date();
            s.parts = parts;
            s.hotline = hotline(change.hotline(), s.hotline);
            if (change.contactIds() != null) {
                s.contactIds.clear();
                s.contactIds.addAll(contactIds(change.contactIds()));
            }
            s.revision++;
            ConfiguredSession.flush();
            published(() -> schedule.changed(s, by, reason(change.reason())));
            return s;
        });
        Log.infof("Practice session %s changed by %s (revision %d): %s", id, by, stored.revision, change.reason());
        if (moved[0]) {
            sessions.rescheduled(stored, by, change.reason(), now);
        }
        return SessionView.of(stored);
    }

    /** Withdraws a session (HKEX cancelled it): published, the contacts told, the status CANCELLED, final. */
    @POST
    @Path("/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public SessionView withdraw(@PathParam("id") String id,
            @Valid @NotNull(message = "a reason is required") Withdrawal withdrawal) {
        String reason = withdrawal.reason().trim();
        String by = identity.getPrincipal().getName();
        Instant now = clock.instant();
        ConfiguredSession stored = QuarkusTransaction.requiringNew().call(() -> {
            ConfiguredSession s = open(id, now, true);
            s.withdrawn = true;
            s.revision++;
            ConfiguredSession.flush();
            published(() -> schedule.changed(s, by, reason));
            return s;
        });
        Log.infof("Practice session %s withdrawn by %s: %s", id, by, reason);
        sessions.withdrawn(stored, by, reason, now);
        return SessionView.of(ConfiguredSession.findById(id));
    }

    /**
     * Records HKEX's announcement about a session that is not over: it overrides the decision the weather rules
     * computed (with who recorded it, when, and HKEX's reference), its status is published before it is recorded
     * (Kafka refuses: 503, nothing recorded) and the session's contacts are told. A later announcement replaces it.
     */
    @POST
    @Path("/{id}/announcements")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public Response announce(@PathParam("id") String id,
            @Valid @NotNull(message = "status and reference are required") AnnouncementRequest request) {
        String by = identity.getPrincipal().getName();
        Instant now = clock.instant();
        ConfiguredSession stored = QuarkusTransaction.requiringNew().call(() -> open(id, now, true));
        PracticeSession session = PracticeSessionService.toSession(stored);
        Instant effectiveAt = request.effectiveAt() == null ? now : request.effectiveAt().toInstant();
        if (!effectiveAt.atZone(PracticeRules.HONG_KONG).toLocalDate().equals(session.date())
                && request.effectiveAt() != null) {
            throw new BadFieldException("effectiveAt", "must fall on the session's day, " + session.date());
        }
        PracticeRules.Announcement announcement = new PracticeRules.Announcement(
                PracticeSessionStatus.valueOf(request.status()), now, effectiveAt, request.reference().trim(), by);
        PracticeRules.Decision[] decision = new PracticeRules.Decision[1];
        published(() -> decision[0] = sessions.publishAnnouncement(stored, announcement, now));
        QuarkusTransaction.requiringNew().run(() -> {
            RecordedAnnouncement row = new RecordedAnnouncement();
            row.sessionId = id;
            row.status = request.status();
            row.effectiveAt = effectiveAt;
            row.reference = announcement.reference();
            row.recordedBy = by;
            row.recordedAt = now;
            row.persist();
        });
        Log.infof("Practice session %s: HKEX announcement %s (%s) recorded by %s", id, request.status(),
                announcement.reference(), by);
        sessions.announced(stored, announcement, decision[0], now);
        return Response.status(Response.Status.CREATED)
                .entity(QuarkusTransaction.requiringNew().call(() -> SessionView.of(ConfiguredSession.findById(id))))
                .build();
    }

    /** Every announcement recorded for a session, oldest first. */
    @GET
    @Path("/{id}/announcements")
    public List<PracticeRules.Announcement> announcements(@PathParam("id") String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (ConfiguredSession.findById(id) == null) {
                throw new NotFoundException("No practice session " + id);
            }
            return RecordedAnnouncement.<RecordedAnnouncement>list("sessionId = ?1 order by recordedAt, id", id)
                    .stream().map(RecordedAnnouncement::toRule).toList();
        });
    }

    /**
     * The session, if it may still change: not withdrawn, and not started (an edit) or not over (a withdrawal: HKEX
     * may call a session off while it runs).
     */
    private static ConfiguredSession open(String id, Instant now, boolean withdrawal) {
        ConfiguredSession s = ConfiguredSession.findById(id);
        if (s == null) {
            throw new NotFoundException("No practice session " + id);
        }
        if (s.withdrawn) {
            throw new ClientErrorException("Practice session " + id + " was withdrawn; that is final", 409);
        }
        PracticeSession session = PracticeSessionService.toSession(s);
        if (withdrawal && !session.end().isAfter(now)) {
            throw new ClientErrorException("Practice session " + id + " is over: there is nothing to withdraw", 409);
        }
        if (!withdrawal && !session.start().isAfter(now)) {
            throw new ClientErrorException("Practice session " + id + " has started (or is over): it can no longer "
                    + "be changed; withdraw it if HKEX called it off", 409);
        }
        return s;
    }

    private static List<WhatIfResource.PartRequest> requests(ConfiguredSession s) {
        return PracticeSessionService.toSession(s).parts().stream()
                .map(p -> new WhatIfResource.PartRequest(p.name(), p.start(), p.end(), p.dataCentre())).toList();
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? null : reason.trim();
    }

    private static String hotline(String hotline, String otherwise) {
        if (hotline == null) {
            return otherwise;
        }
        if (hotline.isBlank()) {
            throw new BadFieldException("hotline", "1 to 200 characters");
        }
        return hotline.trim();
    }

    /** The ids, each an existing contact, without repeats, in the order given. */
    private static List<Long> contactIds(List<Long> ids) {
        List<Long> contacts = ids == null ? List.of() : ids;
        for (int i = 0; i < contacts.size(); i++) {
            if (Contact.findById(contacts.get(i)) == null) {
                throw new BadFieldException("contactIds[" + i + "]", "no such contact");
            }
        }
        return contacts.stream().distinct().toList();
    }

    /** Kafka must have the new revision before the change is committed: otherwise 503, nothing changed. */
    private static void published(Runnable publish) {
        try {
            publish.run();
        } catch (RuntimeException e) {
            Log.warnf("Practice session change not published (%s): rolled back", e.getMessage());
            throw new ServiceUnavailableException("The change could not be published to Kafka (" + e.getMessage()
                    + "); nothing changed, retry when Kafka is back", 30L);
        }
    }
}
