package io.raprelay.catalog.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.raprelay.catalog.audit.AuditedResult;
import io.raprelay.catalog.practice.DrillEvidence;
import io.raprelay.catalog.practice.DrillEvidence.Evidence;

/**
 * The evidence of a practice session (drill) for auditors, as JSON or as one CSV file: parts and times, status
 * decisions, data-centre switches, login checks, practice downloads with checksums, the cross-check against the
 * production copies, and the notices sent and to whom.
 */
@Path("/api/practice-sessions")
@RolesAllowed({"auditor", "operator", "admin"})
public class DrillEvidenceResource {

    static final String CSV_HEADER = "section,at,installation,dataCentre,item,detail,practiceSha256,productionSha256,"
            + "result";
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final DrillEvidence evidence;
    private final AuditedResult audited;

    public DrillEvidenceResource(DrillEvidence evidence, AuditedResult audited) {
        this.evidence = evidence;
        this.audited = audited;
    }

    @GET
    @Path("/{id}/evidence")
    @Produces(MediaType.APPLICATION_JSON)
    public Evidence json(@PathParam("id") String id) {
        Evidence found = find(id);
        audited.count(found.practiceReports().size());
        return found;
    }

    @GET
    @Path("/{id}/evidence/export")
    @Produces("text/csv")
    public Response csv(@PathParam("id") String id) {
        Evidence found = find(id);
        audited.count(found.practiceReports().size());
        return Response.ok(String.join("", rows(found)), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"drill-evidence-" + found.sessionId() + ".csv\"")
                .build();
    }

    private Evidence find(String id) {
        if (!SESSION_ID.matcher(id).matches()) {
            throw new BadParameterException("id", "must match " + SESSION_ID.pattern());
        }
        return evidence.of(id).orElseThrow(() -> new ReportNotFoundException("No practice session " + id
                + " is known to the catalog (it learns sessions from rap.practice-schedule)"));
    }

    static List<String> rows(Evidence e) {
        List<String> rows = new ArrayList<>();
        rows.add(CSV_HEADER + "\r\n");
        rows.add(row("session", null, null, null, e.sessionId(), "day " + e.sessionDate() + ", revision "
                + e.revision() + (e.withdrawn() ? ", WITHDRAWN" : "") + ", practice business date "
                + e.practiceBusinessDate(), null, null, null));
        e.parts().forEach(p -> rows.add(row("part", p.startsAt(), null, p.dataCentre(), p.name(), "until "
                + p.endsAt(), null, null, null)));
        e.statusChanges().forEach(s -> rows.add(row("status", s.at(), null, null, s.status(), s.explanation(), null,
                null, s.rule() + (s.provisional() ? " (provisional)" : ""))));
        e.dataCentreSwitches().forEach(s -> rows.add(row("data-centre-switch", s.at(), s.installation(), s.to(),
                s.operator(), s.from() + " -> " + s.to() + ": " + s.reason(), null, null,
                s.reminder() ? "REMINDER" : "SWITCHED")));
        e.loginChecks().forEach(c -> c.results().forEach(r -> rows.add(row("login-check", c.at(), c.installation(),
                c.dataCentre(), r.account() + "@" + r.host(), c.occasion() + (c.part() == null ? "" : " " + c.part())
                        + (r.listed() ? ": logged in, listed " + r.entries() + " entries" : ": " + r.failure()),
                null, null, r.listed() ? "PASSED" : "FAILED"))));
        e.practiceReports().forEach(p -> rows.add(row("practice-report", p.fetchedAt(), p.installation(),
                p.dataCentre(), p.reportKey(), (p.part() == null ? "outside the parts" : p.part()) + ", " + p.host()
                        + ", " + p.size() + " bytes",
                p.sha256(), null, null)));
        e.crossCheck().forEach(c -> rows.add(row("cross-check", null, null, null, c.productionReportKey(),
                c.fileName() + " of " + c.businessDate(), c.practiceSha256(), c.productionSha256(), c.result())));
        e.notices().forEach(n -> rows.add(row("notice", n.at(), null, null, n.contact() + " <" + n.address() + ">",
                n.channel() + ": " + n.subject(), null, null, n.outcome())));
        return rows;
    }

    private static String row(Object... cells) {
        return Stream.of(cells).map(CsvExport::cell).collect(Collectors.joining(",", "", "\r\n"));
    }
}
