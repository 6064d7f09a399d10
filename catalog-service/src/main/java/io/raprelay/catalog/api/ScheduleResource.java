package io.raprelay.catalog.api;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
    static final String DATE_RULE = "is required (yyyy-MM-dd)";
    static final String REASON_RULE = "is required, at most 1000 characters";
    static final String EXPECTED_RULE = "between 1 and " + MAX_ENTRIES + " expected reports";

    /** A new schedule version, checked by Bean Validation (each entry too); a report expected twice by the resource. */
    public record ScheduleRequest(
            @NotNull(message = DATE_RULE) LocalDate effectiveFrom,
            @NotBlank(message = REASON_RULE) @Size(max = 1000, message = REASON_RULE) String reason,
            @NotNull(message = EXPECTED_RULE) @Size(min = 1, max = MAX_ENTRIES, message = EXPECTED_RULE) List<@NotNull(message = "is empty") @Valid Expectation> expected) {
    }

    /** A version's effective date moved (a tentative go-live confirmed for another day). */
    public record MoveRequest(
            @NotNull(message = DATE_RULE) LocalDate effectiveFrom,
            @NotBlank(message = REASON_RULE) @Size(max = 1000, message = REASON_RULE) String reason) {
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
    public Response create(@Valid @NotNull(message = "a schedule is required") ScheduleRequest request) {
        List<Expectation> expected = request.expected();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < expected.size(); i++) {
            Expectation e = expected.get(i);
            if (!seen.add(e.clearingHouse() + "/" + e.reportCode() + "/" + e.participant() + "/" + e.run())) {
                throw new BadParameterException("expected[" + i + "]", "expects " + e.clearingHouse() + " "
                        + e.reportCode() + (e.run() == null ? "" : " run " + e.run()) + " a second time");
            }
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
    public ScheduleView move(@PathParam("version") int version,
            @Valid @NotNull(message = "effectiveFrom and reason are required") MoveRequest request) {
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
}
