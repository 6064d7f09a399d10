package io.raprelay.catalog.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.SourceSystem;

/** Search and detail of indexed reports, for auditors and operations. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"auditor", "operator", "admin"})
public class ReportResource {

    private final ReportSearch search;

    public ReportResource(ReportSearch search) {
        this.search = search;
    }

    /** One page of reports, oldest business date first; pass {@code nextCursor} back as {@code cursor}. */
    @GET
    @Transactional
    public ReportPage search(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("clearingHouse") String clearingHouse, @QueryParam("sourceSystem") String sourceSystem,
            @QueryParam("reportCode") String reportCode, @QueryParam("participant") String participant,
            @QueryParam("account") String account, @QueryParam("dataCentre") String dataCentre,
            @QueryParam("sha256") String sha256, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        ReportQuery query = ReportQuery.parse(from, to, clearingHouse, sourceSystem, reportCode, participant,
                account, dataCentre, sha256, limit, cursor);
        ReportSearch.Page page = search.find(query);
        List<ReportSummary> items = page.reports().stream()
                .map(r -> ReportSummary.of(r, page.latest().get(r.reportKey)))
                .toList();
        return new ReportPage(items, page.next() == null ? null : page.next().encode());
    }

    /** A report with all its versions and their provenance. */
    @GET
    @Path("/{reportKey: .+}")
    @Transactional
    public ReportDetail detail(@PathParam("reportKey") String reportKey) {
        Report report = Report.findById(reportKey);
        if (report == null) {
            throw new ReportNotFoundException(reportKey);
        }
        List<ReportVersion> versions = ReportVersion.list("reportKey = ?1 order by version", reportKey);
        return new ReportDetail(ReportSummary.of(report, null), versions.stream().map(VersionView::of).toList());
    }

    public record ReportPage(List<ReportSummary> items, String nextCursor) {
    }

    public record ReportSummary(String reportKey, ClearingHouse clearingHouse, SourceSystem sourceSystem,
            String reportCode, String participant, LocalDate businessDate, Installation installation, String account,
            String fileName, String remotePath, int latestVersion, VersionView latest) {

        static ReportSummary of(Report r, ReportVersion latest) {
            return new ReportSummary(r.reportKey, r.clearingHouse, r.sourceSystem, r.reportCode, r.participant,
                    r.businessDate, r.installation, r.account, r.fileName, r.remotePath, r.latestVersion,
                    latest == null ? null : VersionView.of(latest));
        }
    }

    public record ReportDetail(ReportSummary report, List<VersionView> versions) {
    }

    public record VersionView(int version, String reportId, String eventId, long size, String sha256,
            Instant remoteModifiedAt, Instant fetchedAt, DataCentre dataCentre, String host, String archiveLocation,
            String mediaType, boolean practiceSession, String kafkaTopic, int kafkaPartition, long kafkaOffset,
            Instant ingestedAt) {

        static VersionView of(ReportVersion v) {
            return new VersionView(v.version, v.reportId, v.eventId, v.size, v.sha256, v.remoteModifiedAt,
                    v.fetchedAt, v.dataCentre, v.host, v.archiveLocation, v.mediaType, v.practiceSession,
                    v.kafkaTopic, v.kafkaPartition, v.kafkaOffset, v.ingestedAt);
        }
    }
}
