package io.raprelay.catalog.api;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.raprelay.catalog.audit.AuditedResult;
import io.raprelay.catalog.schedule.Completeness;
import io.raprelay.catalog.schedule.Expectation;
import io.raprelay.catalog.schedule.ScheduleService;
import io.raprelay.catalog.schedule.ScheduleService.ScheduleView;

/** The expected-report schedule: read by everyone, changed (as a new version) by operators. */
@Path("/api/schedule")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"auditor", "operator", "admin"})
public class ScheduleResource {

    static final int MAX_ENTRIES = 500;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern RUN = Pattern.compile(Expectation.RUN);

    /** A new schedule version. */
    public record ScheduleRequest(LocalDate effectiveFrom, String reason, List<Expectation> expected) {
    }

    /** A version's effective date moved (a tentative go-live confirmed for another day). */
    public record MoveRequest(LocalDate effectiveFrom, String reason) {
    }

    private final ScheduleService schedules;
    private final SecurityIdentity identity;
    private final AuditedResult audited;

    public ScheduleResource(ScheduleService schedules, SecurityIdentity identity, AuditedResult audited) {
        this.schedules = schedules;
        this.identity = identity;
        this.audited = audited;
    }

    /** The version in force on {@code date} (default: today in Hong Kong). */
    @GET
    public ScheduleView inForce(@QueryParam("date") String date) {
        LocalDate day = ReportQuery.date("date", date)
                .orElse(LocalDate.now(Completeness.HONG_KONG));
        ScheduleView view = schedules.inForce(day)
                .orElseThrow(() -> new ReportNotFoundException("No schedule is in force on " + day));
        audited.count(view.expected().size());
        return view;
    }

    @GET
    @Path("/versions")
    public List<ScheduleView> versions() {
        List<ScheduleView> versions = schedules.versions();
        audited.count(versions.size());
        return versions;
    }

    @GET
    @Path("/versions/{version: [0-9]{1,9}}")
    public ScheduleView version(@PathParam("version") int version) {
        ScheduleView view = schedules.version(version)
                .orElseThrow(() -> new ReportNotFoundException("No schedule version " + version));
        audited.count(view.expected().size());
        return view;
    }

    /** Creates the next version; the versions before it stay as they were for the days they covered. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public Response create(ScheduleRequest request) {
        if (request == null) {
            throw new BadParameterException("body", "a schedule is required");
        }
        if (request.effectiveFrom() == null) {
            throw new BadParameterException("effectiveFrom", "is required (yyyy-MM-dd)");
        }
        reason(request.reason());
        List<Expectation> expected = request.expected();
        if (expected == null || expected.isEmpty() || expected.size() > MAX_ENTRIES) {
            throw new BadParameterException("expected", "between 1 and " + MAX_ENTRIES + " expected reports");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < expected.size(); i++) {
            check("expected[" + i + "]", expected.get(i), seen);
        }
        ScheduleView created = schedules.create(request.effectiveFrom(), request.reason().trim(), expected,
                identity.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    /**
     * Moves a version's effective date, between the dates of the versions before and after it. The days between the
     * old and the new date are judged against the version in force on them from now on (overdue notices already
     * published stay published); the move is kept with who, when and why.
     */
    @PUT
    @Path("/versions/{version: [0-9]{1,9}}/effective-from")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public ScheduleView move(@PathParam("version") int version, MoveRequest request) {
        if (request == null) {
            throw new BadParameterException("body", "effectiveFrom and reason are required");
        }
        if (request.effectiveFrom() == null) {
            throw new BadParameterException("effectiveFrom", "is required (yyyy-MM-dd)");
        }
        reason(request.reason());
        if (schedules.version(version).isEmpty()) {
            throw new ReportNotFoundException("No schedule version " + version);
        }
        try {
            return schedules.move(version, request.effectiveFrom(), request.reason().trim(),
                    identity.getPrincipal().getName());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("effectiveFrom", e.getMessage());
        }
    }

    private static void reason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new BadParameterException("reason", "is required, at most 1000 characters");
        }
    }

    private static void check(String at, Expectation e, Set<String> seen) {
        if (e == null) {
            throw new BadParameterException(at, "is empty");
        }
        if (e.clearingHouse() == null) {
            throw new BadParameterException(at + ".clearingHouse", "is required");
        }
        if (e.sourceSystem() == null) {
            throw new BadParameterException(at + ".sourceSystem", "is required");
        }
        if (e.reportCode() == null || !CODE.matcher(e.reportCode()).matches()) {
            throw new BadParameterException(at + ".reportCode", "must match " + CODE.pattern());
        }
        if (e.participant() != null && !CODE.matcher(e.participant()).matches()) {
            throw new BadParameterException(at + ".participant", "must match " + CODE.pattern());
        }
        if (e.deadlineTime() == null) {
            throw new BadParameterException(at + ".deadlineTime", "is required (HH:mm, Hong Kong time)");
        }
        if (e.deadlineBusinessDays() < 0 || e.deadlineBusinessDays() > 5) {
            throw new BadParameterException(at + ".deadlineBusinessDays", "must be between 0 and 5");
        }
        if (e.run() != null && !RUN.matcher(e.run()).matches()) {
            throw new BadParameterException(at + ".run", "must be the run's Hong Kong time as HHmm (1130, 2100)");
        }
        if (!seen.add(e.clearingHouse() + "/" + e.reportCode() + "/" + e.participant() + "/" + e.run())) {
            throw new BadParameterException(at, "expects " + e.clearingHouse() + " " + e.reportCode()
                    + (e.run() == null ? "" : " run " + e.run()) + " a second time");
        }
    }
}
