package io.raprelay.notifier.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.notifier.BadFieldException;
import io.raprelay.notifier.NotifierConfig;
import io.raprelay.notifier.contact.Contact;
import io.raprelay.notifier.contact.EventTypeName;

/**
 * Silences, e.g. "mute HKCC arrivals 18:00-19:00": matching non-critical notices are recorded as suppressed, not sent.
 * Critical ones (weather, data-centre switches, host-key rejections, overdue reports, altered archives) always go. Each
 * has an owner (a contact, told before it ends and when it has ended: {@link SilenceNotices}) and an end at most
 * {@code notifier.silences.max-duration} after its start.
 */
@Path("/api/silences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"operator", "admin"})
public class SilenceResource {

    /**
     * @param ownerContactId
     *            the active contact told before the silence ends and when it has ended
     */
    public record SilenceRequest(List<@NotNull(message = "is empty") ClearingHouse> clearingHouses,
            List<@NotNull(message = "is empty") @EventTypeName String> eventTypes,
            @NotNull(message = "is required (ISO date-time with offset)") OffsetDateTime startsAt,
            @NotNull(message = "is required and must be after startsAt") OffsetDateTime endsAt,
            @NotBlank(message = "is required, at most 1000 characters") @Size(max = 1000, message = "is required, at most 1000 characters") String reason,
            @NotNull(message = "is required: the contact told before the silence ends and when it has ended") Long ownerContactId) {
    }

    public record SilenceView(long id, List<String> clearingHouses, List<String> eventTypes, Instant startsAt,
            Instant endsAt, String reason, String createdBy, Long ownerContactId, Instant endingNoticeAt,
            Instant endedNoticeAt) {

        static SilenceView of(Silence s) {
            return new SilenceView(s.id, s.clearingHouses.stream().sorted().map(Enum::name).toList(),
                    s.eventTypes.stream().sorted().toList(), s.startsAt, s.endsAt, s.reason, s.createdBy,
                    s.ownerContactId, s.endingNoticeAt, s.endedNoticeAt);
        }
    }

    private final SecurityIdentity identity;
    private final Clock clock;
    private final Duration maxDuration;

    public SilenceResource(SecurityIdentity identity, Clock clock, NotifierConfig config) {
        this.identity = identity;
        this.clock = clock;
        this.maxDuration = config.silences().maxDuration();
    }

    @GET
    @Transactional
    public List<SilenceView> list() {
        return Silence.<Silence>list("endsAt > ?1 order by startsAt", clock.instant()).stream().map(SilenceView::of)
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(@Valid @NotNull(message = "a silence is required") SilenceRequest request) {
        if (!request.endsAt().isAfter(request.startsAt())) {
            throw new BadFieldException("endsAt", "is required and must be after startsAt");
        }
        if (!request.endsAt().toInstant().isAfter(clock.instant())) {
            throw new BadFieldException("endsAt", "must be in the future");
        }
        if (Duration.between(request.startsAt(), request.endsAt()).compareTo(maxDuration) > 0) {
            throw new BadFieldException("endsAt", "must be at most " + maxDuration + " after startsAt "
                    + "(notifier.silences.max-duration): a longer silence is a new one when this one ends");
        }
        Contact owner = Contact.findById(request.ownerContactId());
        if (owner == null || !owner.active) {
            throw new BadFieldException("ownerContactId", "no active contact " + request.ownerContactId());
        }
        List<String> types = request.eventTypes() == null ? List.of() : request.eventTypes();
        Silence silence = new Silence();
        if (request.clearingHouses() != null) {
            silence.clearingHouses.addAll(request.clearingHouses());
        }
        silence.eventTypes.addAll(types);
        silence.startsAt = request.startsAt().toInstant();
        silence.endsAt = request.endsAt().toInstant();
        silence.reason = request.reason().trim();
        silence.createdBy = identity.getPrincipal().getName();
        silence.createdAt = clock.instant();
        silence.ownerContactId = owner.id;
        silence.persist();
        Log.infof("Silence %d (%s %s, %s to %s) by %s, owner contact %d: %s", silence.id, silence.clearingHouses,
                silence.eventTypes, silence.startsAt, silence.endsAt, silence.createdBy, owner.id, silence.reason);
        return Response.status(Response.Status.CREATED).entity(SilenceView.of(silence)).build();
    }

    /** Ends a silence now (one not started yet is removed). */
    @DELETE
    @Path("/{id: [0-9]{1,18}}")
    @Transactional
    public SilenceView end(@PathParam("id") long id) {
        Silence silence = Silence.findById(id);
        if (silence == null) {
            throw new NotFoundException("No silence " + id);
        }
        Instant now = clock.instant();
        if (silence.startsAt.isAfter(now)) {
            silence.delete();
        } else if (silence.endsAt.isAfter(now)) {
            silence.endsAt = now;
        }
        return SilenceView.of(silence);
    }
}
