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
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
    static final String ACCEPTED_CODES = "TC1|TC3|TC8NE|TC8SE|TC8SW|TC8NW|TC9|TC10|WRAINA|WRAINR|WRAINB|WFIREY|WFIRER"
            + "|WFROST|WHOT|WCOLD|WMSGNL|WTCPRE8|WFNTSA|WL|WTMW|WTS|EXTREME";
    static final String CODE_RULE = "is not an HKO warning code; accepted: TC1, TC3, TC8NE, TC8SE, TC8SW, TC8NW, TC9, "
            + "TC10, WRAINA, WRAINR, WRAINB, WFIREY, WFIRER, WFROST, WHOT, WCOLD, WMSGNL, WTCPRE8, WFNTSA, WL, WTMW, "
            + "WTS, EXTREME";
    /** The note column's size: an operator's note, with who entered and ended the warning, fits in it. */
    private static final int NOTE_COLUMN = 1000;
    private static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");

    /**
     * An operator's warning, checked by Bean Validation; that {@code endedAt} is after {@code issuedAt} is checked by
     * the resource. The expected end is required: an entry without one would stay in force for ever and decide every
     * later session (Extreme Conditions are announced in periods; {@code /end} moves it).
     */
    public record WarningRequest(
            @NotNull(message = CODE_RULE) @Pattern(regexp = ACCEPTED_CODES, message = CODE_RULE) String code,
            @Size(max = 200, message = "at most 200 characters") String name,
            @NotNull(message = "is required (ISO date-time with offset)") OffsetDateTime issuedAt,
            @NotNull(message = "is required (the expected end, ISO date-time with offset)") OffsetDateTime endedAt,
            @Size(max = 500, message = "at most 500 characters") String note) {
    }

    public record EndRequest(
            @NotNull(message = "is required (ISO date-time with offset)") OffsetDateTime endedAt,
            @Size(max = 500, message = "at most 500 characters") String note) {
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
    public Response enter(@Valid @NotNull(message = "a warning is required") WarningRequest request) {
        if (!request.endedAt().isAfter(request.issuedAt())) {
            throw new BadFieldException("endedAt", "must be after issuedAt");
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
        w.note = note("entered by " + identity.getPrincipal().getName()
                + (request.note() == null ? "" : ": " + request.note()));
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
    public WarningView end(@PathParam("id") long id,
            @Valid @NotNull(message = "an end is required") EndRequest request) {
        WarningObservation w = WarningObservation.findById(id);
        if (w == null) {
            throw new NotFoundException("No warning " + id);
        }
        if (!request.endedAt().toInstant().isAfter(w.issuedAt)) {
            throw new BadFieldException("endedAt", "must be after the warning's issue time");
        }
        w.endedAt = request.endedAt().toInstant();
        w.endNotBefore = null; // the end as HKO (or the Government) announced it: no longer uncertain
        w.note = note((w.note == null ? "" : w.note + "; ") + "ended by " + identity.getPrincipal().getName()
                + (request.note() == null ? "" : ": " + request.note()));
        return WarningView.of(w);
    }

    /** The note as kept: its latest part when a warning was ended again and again. */
    private static String note(String note) {
        return note.length() <= NOTE_COLUMN ? note : "..." + note.substring(note.length() - NOTE_COLUMN + 3);
    }
}
