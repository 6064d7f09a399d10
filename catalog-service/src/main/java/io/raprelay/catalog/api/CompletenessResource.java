package io.raprelay.catalog.api;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.raprelay.catalog.audit.AuditedResult;
import io.raprelay.catalog.schedule.Completeness;
import io.raprelay.catalog.schedule.CompletenessService;

/** What arrived and what is missing: completeness of a business date, or of a range of at most 31 days. */
@Path("/api/completeness")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"auditor", "operator", "admin"})
public class CompletenessResource {

    static final int MAX_DAYS = 31;

    private final CompletenessService completeness;
    private final AuditedResult audited;

    public CompletenessResource(CompletenessService completeness, AuditedResult audited) {
        this.completeness = completeness;
        this.audited = audited;
    }

    /** One business date: each expected report RECEIVED, LATE, MISSING or PENDING, and the unexpected ones. */
    @GET
    @Path("/{date}")
    public Completeness.DayView day(@PathParam("date") String date) {
        Completeness.DayView day = completeness.day(ReportQuery.date("date", date).orElseThrow(
                () -> new BadParameterException("date", "is required (yyyy-MM-dd)")));
        audited.count(day.expected().size() + day.unexpected().size());
        return day;
    }

    /** Every day of a range (weekends and holidays shown as closed). */
    @GET
    public List<Completeness.DayView> range(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate first = ReportQuery.date("from", from)
                .orElseThrow(() -> new BadParameterException("from", "is required (yyyy-MM-dd)"));
        LocalDate last = ReportQuery.date("to", to)
                .orElseThrow(() -> new BadParameterException("to", "is required (yyyy-MM-dd)"));
        if (last.isBefore(first)) {
            throw new BadParameterException("to", "is before from");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new BadParameterException("to", "the range is limited to " + MAX_DAYS + " days");
        }
        List<Completeness.DayView> days = completeness.days(first, last);
        audited.count(days.stream().mapToInt(d -> d.expected().size() + d.unexpected().size()).sum());
        return days;
    }
}
