package io.raprelay.notifier.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import io.raprelay.contracts.EventType;
import io.raprelay.notifier.BadFieldException;

/**
 * Silences, e.g. "mute HKCC arrivals 18:00-19:00": matching non-critical notices are recorded as suppressed, not sent.
 * Critical ones (weather, data-centre switches, host-key rejections, overdue reports, altered archives) always go.
 */
@Path("/api/silences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"operator", "admin"})
public class SilenceResource {

    public record SilenceRequest(List<ClearingHouse> clearingHouses, List<String> eventTypes, OffsetDateTime startsAt,
            OffsetDateTime endsAt, String reason) {
    }

    public record SilenceView(long id, List<String> clearingHouses, List<String> eventTypes, Instant startsAt,
            Instant endsAt, String reason, String createdBy) {

        static SilenceView of(Silence s) {
            return new SilenceView(s.id, split(s.clearingHouses), split(s.eventTypes), s.startsAt, s.endsAt,
                    s.reason, s.createdBy);
        }

        private static List<String> split(String csv) {
            return csv.isBlank() ? List.of() : List.of(csv.split(","));
        }
    }

    private final SecurityIdentity identity;
    private final Clock clock;

    public SilenceResource(SecurityIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
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
    public Response create(SilenceRequest request) {
        if (request == null) {
            throw new BadFieldException("body", "a silence is required");
        }
        if (request.startsAt() == null) {
            throw new BadFieldException("startsAt", "is required (ISO date-time with offset)");
        }
        if (request.endsAt() == null || !request.endsAt().isAfter(request.startsAt())) {
            throw new BadFieldException("endsAt", "is required and must be after startsAt");
        }
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 1000) {
            throw new BadFieldException("reason", "is required, at most 1000 characters");
        }
        List<String> types = request.eventTypes() == null ? List.of() : request.eventTypes();
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            if (EventType.ofCloudEventType(type).isEmpty()) {
                throw new BadFieldException("eventTypes[" + i + "]", "unknown event type '" + type + "'");
            }
        }
        if (request.clearingHouses() != null && request.clearingHouses().contains(null)) {
            throw new BadFieldException("clearingHouses", "holds an empty value");
        }
        Silence silence = new Silence();
        silence.clearingHouses = request.clearingHouses() == null
                ? ""
                : request.clearingHouses().stream().map(Enum::name).collect(Collectors.joining(","));
        silence.eventTypes = String.join(",", types);
        silence.startsAt = request.startsAt().toInstant();
        silence.endsAt = request.endsAt().toInstant();
        silence.reason = request.reason().trim();
        silence.createdBy = identity.getPrincipal().getName();
        silence.createdAt = clock.instant();
        silence.persist();
        Log.infof("Silence %d (%s %s, %s to %s) by %s: %s", silence.id, silence.clearingHouses, silence.eventTypes,
                silence.startsAt, silence.endsAt, silence.createdBy, silence.reason);
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
