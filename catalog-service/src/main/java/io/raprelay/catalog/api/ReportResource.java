package io.raprelay.catalog.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.raprelay.catalog.CatalogConfig;
import io.raprelay.catalog.archive.VerifiedContent;
import io.raprelay.catalog.audit.AuditedResult;
import io.raprelay.catalog.model.LegalHold;
import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.catalog.retention.LegalHolds;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.SourceSystem;

/**
 * Search and detail of indexed reports, for auditors and operations, and for downstream systems (role
 * {@code downstream}, a client-credentials client), which also fetch the reports' content here.
 */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"auditor", "operator", "admin", "downstream"})
public class ReportResource {

    private final ReportSearch search;
    private final VerifiedContent content;
    private final SecurityIdentity identity;

    private final AuditedResult audited;
    private final CsvExport csv;
    private final CatalogConfig config;
    private final LegalHolds holds;

    public ReportResource(ReportSearch search, VerifiedContent content, SecurityIdentity identity,
            AuditedResult audited, CsvExport csv, CatalogConfig config, LegalHolds holds) {
        this.holds = holds;
        this.search = search;
        this.config = config;
        this.csv = csv;
        this.content = content;
        this.identity = identity;
        this.audited = audited;
    }

    /** One page of reports, oldest business date first; pass {@code nextCursor} back as {@code cursor}. */
    @GET
    @Transactional
    public ReportPage search(@BeanParam SearchParams params) {
        ReportQuery query = params.query(true);
        ReportSearch.Page page = search.find(query);
        List<ReportSummary> items = page.reports().stream()
                .map(r -> ReportSummary.of(r, page.latest().get(r.reportKey)))
                .toList();
        audited.count(items.size());
        return new ReportPage(items, page.next() == null ? null : page.next().encode());
    }

    /**
     * The same search's whole result as CSV, not paged; the access log records how many reports matched when the
     * export began. (A report key always starts with its installation, so it is never {@code export}.)
     */
    @GET
    @Path("/export")
    @Produces("text/csv")
    public Response export(@BeanParam SearchParams params) {
        ReportQuery query = params.query(false);
        long matching = QuarkusTransaction.requiringNew().call(() -> search.count(query));
        audited.count((int) Math.min(Integer.MAX_VALUE, matching));
        return Response.ok(csv.write(query), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"reports.csv\"")
                .build();
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
        audited.count(versions.size());
        return new ReportDetail(ReportSummary.of(report, null), versions.stream().map(VersionView::of).toList());
    }

    /**
     * The archived file of one version, refused with 409 if it no longer has the SHA-256 recorded at fetch time
     * (the archive has been altered; an {@code ArchiveAltered} alert is published).
     */
    @GET
    @Path("/{reportKey: .+}/versions/{version: [0-9]{1,9}}/content")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({"auditor", "admin", "downstream"})
    public Response content(@PathParam("reportKey") String reportKey, @PathParam("version") int version) {
        ReportVersion found = version(reportKey, version);
        Report report = report(reportKey);
        StreamingOutput body = content.open(report, found, identity.getPrincipal().getName());
        audited.count(1);
        String fileName = reportKey.substring(reportKey.lastIndexOf('/') + 1);
        return Response.ok(body, found.mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + fileName.replace("\"", "") + "\"")
                .header("Content-Length", found.size)
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of()
                        .parseHex(found.sha256)) + ":")
                .build();
    }

    /**
     * A pre-signed link to one version's content, valid for catalog.s3.link-validity (5 minutes), given once the copy
     * is known to have the SHA-256 recorded at fetch time: for a downstream system that fetches large reports straight
     * from the bucket. The request is in the access log as any other. 409 with the file archive (no links).
     */
    @GET
    @Path("/{reportKey: .+}/versions/{version: [0-9]{1,9}}/content-link")
    @RolesAllowed({"auditor", "admin", "downstream"})
    public ContentLink contentLink(@PathParam("reportKey") String reportKey, @PathParam("version") int version) {
        ReportVersion found = version(reportKey, version);
        Report report = report(reportKey);
        Duration validFor = config.s3().linkValidity();
        Instant expiresAt = Instant.now().plus(validFor);
        URI url = content.link(report, found, identity.getPrincipal().getName(), validFor);
        audited.count(1);
        return new ContentLink(url.toString(), expiresAt, found.sha256, found.size);
    }

    /**
     * Checks one version's archived copy against the SHA-256 recorded at fetch time and serves nothing: after restoring
     * an altered copy from a backup, an operator confirms it here, which resolves the alteration's alert
     * ({@code ArchiveRestored}). 200 when intact; 409 (and another {@code ArchiveAltered}) when it still is not.
     */
    @POST
    @Path("/{reportKey: .+}/versions/{version: [0-9]{1,9}}/verification")
    @RolesAllowed("admin")
    public Verification verify(@PathParam("reportKey") String reportKey, @PathParam("version") int version) {
        ReportVersion found = version(reportKey, version);
        Report report = report(reportKey);
        content.verify(report, found, identity.getPrincipal().getName());
        audited.count(1);
        return new Verification(reportKey, version, found.sha256, true, Instant.now());
    }

    /**
     * One version of a report whose copy is still kept: 404 for none (a version is never without its report: the
     * foreign key), 410 for one whose copy retention removed.
     */
    private static ReportVersion version(String reportKey, int version) {
        ReportVersion found = QuarkusTransaction.requiringNew().call(() -> ReportVersion
                .<ReportVersion>find("reportKey = ?1 and version = ?2", reportKey, version).firstResult());
        if (found == null) {
            throw new ReportNotFoundException(reportKey + " version " + version);
        }
        if (found.removedAt != null) {
            throw new CopyRemovedException(reportKey + " version " + version + ": its archived copy was removed at "
                    + found.removedAt + ", past its retention; its record stays");
        }
        return found;
    }

    private static Report report(String reportKey) {
        return QuarkusTransaction.requiringNew().call(() -> Report.findById(reportKey));
    }

    /** The legal hold in force on a report: 404 when there is none. */
    @GET
    @Path("/{reportKey: .+}/legal-hold")
    @RolesAllowed({"auditor", "admin"})
    public HoldView legalHold(@PathParam("reportKey") String reportKey) {
        return holds.inForce(reportKey).map(HoldView::of)
                .orElseThrow(() -> new ReportNotFoundException("No legal hold on " + reportKey));
    }

    /**
     * Puts a report under a legal hold with a reason: no copy of any of its versions is removed while it is in
     * force, whatever its retention. 201; 200 with the hold already in force (unchanged).
     */
    @PUT
    @Path("/{reportKey: .+}/legal-hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response hold(@PathParam("reportKey") String reportKey,
            @Valid @NotNull(message = "a reason is required") HoldRequest request) {
        String reason = request.reason().strip();
        Report report = report(reportKey);
        if (report == null) {
            throw new ReportNotFoundException(reportKey);
        }
        LegalHolds.Placed placed = holds.hold(report, reason, identity.getPrincipal().getName());
        return Response.status(placed.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(HoldView.of(placed.hold())).build();
    }

    /** Releases the legal hold in force, with a reason; the hold stays on record. 404 when none is in force. */
    @DELETE
    @Path("/{reportKey: .+}/legal-hold")
    @RolesAllowed("admin")
    public HoldView release(@PathParam("reportKey") String reportKey,
            @QueryParam("reason") @NotBlank(message = HOLD_REASON_RULE) @Size(max = 500, message = HOLD_REASON_RULE) String reason) {
        String why = reason.strip();
        Report report = report(reportKey);
        return Optional.ofNullable(report).flatMap(r -> holds.release(r, why, identity.getPrincipal().getName()))
                .map(HoldView::of).orElseThrow(() -> new ReportNotFoundException("No legal hold on " + reportKey));
    }

    static final String HOLD_REASON_RULE = "is required, 1 to 500 characters";

    public record HoldRequest(
            @NotBlank(message = HOLD_REASON_RULE) @Size(max = 500, message = HOLD_REASON_RULE) String reason) {
    }

    /** A legal hold: who set it, when and why, and, once released, who released it, when and why. */
    public record HoldView(String reportKey, String reason, String setBy, Instant setAt, String releasedBy,
            Instant releasedAt, String releaseReason) {

        static HoldView of(LegalHold hold) {
            return new HoldView(hold.reportKey, hold.reason, hold.setBy, hold.setAt, hold.releasedBy,
                    hold.releasedAt, hold.releaseReason);
        }
    }

    /** A pre-signed link, when it stops serving, and what its bytes must hash to. */
    /** A copy checked against its recorded SHA-256: {@code intact} is always true (409 otherwise). */
    public record Verification(String reportKey, int version, String sha256, boolean intact, Instant checkedAt) {
    }

    public record ContentLink(String url, Instant expiresAt, String sha256, long size) {
    }

    public record ReportPage(List<ReportSummary> items, String nextCursor) {
    }

    public record ReportSummary(String reportKey, ClearingHouse clearingHouse, SourceSystem sourceSystem,
            String reportCode, String participant, LocalDate businessDate, Installation installation, String account,
            String fileName, String remotePath, int latestVersion, String practiceSessionId, VersionView latest) {

        static ReportSummary of(Report r, ReportVersion latest) {
            return new ReportSummary(r.reportKey, r.clearingHouse, r.sourceSystem, r.reportCode, r.participant,
                    r.businessDate, r.installation, r.account, r.fileName, r.remotePath, r.latestVersion,
                    r.practiceSessionId, latest == null ? null : VersionView.of(latest));
        }
    }

    public record ReportDetail(ReportSummary report, List<VersionView> versions) {
    }

    public record VersionView(int version, String reportId, String eventId, long size, String sha256,
            Instant remoteModifiedAt, Instant fetchedAt, DataCentre dataCentre, String host, String archiveLocation,
            String mediaType, boolean practiceSession, String practiceSessionId, String kafkaTopic, int kafkaPartition,
            long kafkaOffset, Instant ingestedAt) {

        static VersionView of(ReportVersion v) {
            return new VersionView(v.version, v.reportId, v.eventId, v.size, v.sha256, v.remoteModifiedAt,
                    v.fetchedAt, v.dataCentre, v.host, v.archiveLocation, v.mediaType, v.practiceSession,
                    v.practiceSessionId, v.kafkaTopic, v.kafkaPartition, v.kafkaOffset, v.ingestedAt);
        }
    }
}
