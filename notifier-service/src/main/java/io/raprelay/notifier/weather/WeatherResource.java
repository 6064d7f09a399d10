package io.raprelay.notifier.weather;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.raprelay.notifier.BadFieldException;

/**
 * The warnings the notifier knows: the feed's timeline, and operators' entries: Extreme Conditions (announced by the
 * Government, carried by no feed) and any warning the feed missed or got wrong.
 */
@Path("/api/weather")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"operator", "admin", "auditor"})
public class WeatherResource {

    /**
     * HKO's warning codes as its warnsum feed gives them (the subtype for signals, rainstorm and fire danger), and
     * EXTREME for the Government's Extreme Conditions: an operator's entry must be one of them, because the rules
     * match on the code and would silently ignore {@code T8} or {@code 8}.
     */
    static final List<String> ACCEPTED_CODES = List.of("TC1", "TC3", "TC8NE", "TC8SE", "TC8SW", "TC8NW", "TC9",
            "TC10", "WRAINA", "WRAINR", "WRAINB", "WFIREY", "WFIRER", "WFROST", "WHOT", "WCOLD", "WMSGNL", "WTCPRE8",
            "WFNTSA", "WL", "WTMW", "WTS", "EXTREME");
    private static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");

    public record WarningRequest(String code, String name, OffsetDateTime issuedAt, OffsetDateTime endedAt,
            String note) {
    }

    public record EndRequest(OffsetDateTime endedAt, String note) {
    }

    public record WarningView(long id, String code, String statement, String name, String actionCode,
            String source, Instant issuedAt, Instant firstSeenAt, Instant lastSeenAt, Instant endedAt,
            Instant endNotBefore, String note) {

        static WarningView of(WarningObservation w) {
            return new WarningView(w.id, w.code, w.statement, w.name, w.actionCode, w.source, w.issuedAt,
                    w.firstSeenAt, w.lastSeenAt, w.endedAt, w.endNotBefore, w.note);
        }
    }

    private final WeatherService weather;
    private final SecurityIdentity identity;
    private final Clock clock;

    public WeatherResource(WeatherService weather, SecurityIdentity identity, Clock clock) {
        this.weather = weather;
        this.identity = identity;
        this.clock = clock;
    }

    /** The feed's health. */
    @GET
    public Map<String, Object> status() {
        return weather.feedStatus();
    }

    /** Every warning that touched a day (default: today in Hong Kong), feed and operator entries. */
    @GET
    @Path("/warnings")
    @Transactional
    public List<WarningView> warnings(@QueryParam("date") String date) {
        LocalDate day;
        try {
            day = date == null || date.isBlank() ? LocalDate.now(clock.withZone(HONG_KONG)) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new BadFieldException("date", "'" + date + "' is not a date (yyyy-MM-dd)");
        }
        return weather.observations(day).stream().map(WarningView::of).toList();
    }

    /** An operator's warning: Extreme Conditions ({@code EXTREME}), or a correction of the feed. */
    @POST
    @Path("/warnings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    @Transactional
    public Response enter(WarningRequest request) {
        if (request == null || request.code() == null || !ACCEPTED_CODES.contains(request.code())) {
            throw new BadFieldException("code", "'" + (request == null ? null : request.code())
                    + "' is not an HKO warning code; accepted: " + String.join(", ", ACCEPTED_CODES));
        }
        if (request.issuedAt() == null) {
            throw new BadFieldException("issuedAt", "is required (ISO date-time with offset)");
        }
        // An entry without an end would stay in force for ever and decide every later session: an operator states the
        // expected end (Extreme Conditions are announced in periods) and moves it with /end when it changes.
        if (request.endedAt() == null || !request.endedAt().isAfter(request.issuedAt())) {
            throw new BadFieldException("endedAt", "is required (the expected end) and must be after issuedAt");
        }
        Instant now = clock.instant();
        WarningObservation w = new WarningObservation();
        w.code = request.code();
        w.statement = "OPERATOR";
        w.name = request.name() == null || request.name().isBlank()
                ? ("EXTREME".equals(request.code()) ? "Extreme Conditions" : request.code())
                : request.name();
        w.source = WarningObservation.OPERATOR;
        w.actionCode = WarningObservation.OPERATOR;
        w.issuedAt = request.issuedAt().toInstant();
        w.firstSeenAt = now;
        w.lastSeenAt = now;
        w.endedAt = request.endedAt().toInstant();
        w.note = "entered by " + identity.getPrincipal().getName()
                + (request.note() == null ? "" : ": " + request.note());
        w.persist();
        Log.warnf("Warning entered by %s: %s (%s) issued %s", identity.getPrincipal().getName(), w.name, w.code,
                w.issuedAt);
        return Response.status(Response.Status.CREATED).entity(WarningView.of(w)).build();
    }

    /** Moves a warning's end (Extreme Conditions lifted or extended, or a feed entry HKO never cancelled). */
    @POST
    @Path("/warnings/{id: [0-9]{1,18}}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    @Transactional
    public WarningView end(@PathParam("id") long id, EndRequest request) {
        WarningObservation w = WarningObservation.findById(id);
        if (w == null) {
            throw new NotFoundException("No warning " + id);
        }
        if (request == null || request.endedAt() == null) {
            throw new BadFieldException("endedAt", "is required (ISO date-time with offset)");
        }
        if (!request.endedAt().toInstant().isAfter(w.issuedAt)) {
            throw new BadFieldException("endedAt", "must be after the warning's issue time");
        }
        w.endedAt = request.endedAt().toInstant();
        w.endNotBefore = null; // the end as HKO (or the Government) announced it: no longer uncertain
        w.note = (w.note == null ? "" : w.note + "; ") + "ended by " + identity.getPrincipal().getName()
                + (request.note() == null ? "" : ": " + request.note());
        return WarningView.of(w);
    }
}
