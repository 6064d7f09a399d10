package io.raprelay.catalog.api;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import io.raprelay.catalog.audit.AuditedResult;
import io.raprelay.catalog.schedule.BusinessCalendar;
import io.raprelay.catalog.schedule.CalendarService;

/** The Hong Kong holidays the business-day calendar uses, and their refresh from the 1823 feed. */
@Path("/api/calendar")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"auditor", "operator", "admin"})
public class CalendarResource {

    /** A year's holidays and half days. */
    public record YearView(int year, boolean covered, Map<LocalDate, String> holidays,
            Map<LocalDate, String> halfDays) {
    }

    private final CalendarService calendars;
    private final SecurityIdentity identity;
    private final AuditedResult audited;

    public CalendarResource(CalendarService calendars, SecurityIdentity identity, AuditedResult audited) {
        this.calendars = calendars;
        this.identity = identity;
        this.audited = audited;
    }

    @GET
    @Path("/{year: [0-9]{4}}")
    public YearView year(@PathParam("year") int year) {
        YearView view = view(calendars.calendar(), year);
        audited.count(view.holidays().size());
        return view;
    }

    /** Replaces the holiday data with the 1823 feed's JSON as downloaded ({@code en.json}). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public Map<String, Object> refresh(String json) {
        BusinessCalendar calendar;
        try {
            calendar = calendars.refresh(json == null ? "" : json, identity.getPrincipal().getName());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("body", e.getMessage());
        }
        TreeMap<LocalDate, String> holidays = new TreeMap<>(calendar.holidays());
        return Map.of("holidays", holidays.size(), "from", holidays.firstKey(), "to", holidays.lastKey());
    }

    private static YearView view(BusinessCalendar calendar, int year) {
        Map<LocalDate, String> holidays = new TreeMap<>();
        Map<LocalDate, String> halfDays = new TreeMap<>();
        for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
            LocalDate d = day;
            if (calendar.holidays().containsKey(d)) {
                holidays.put(d, calendar.holidays().get(d));
            }
            calendar.halfDay(d).ifPresent(name -> halfDays.put(d, name));
        }
        return new YearView(year, calendar.covers(LocalDate.of(year, 1, 1)), holidays, halfDays);
    }
}
