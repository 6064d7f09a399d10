package io.raprelay.catalog.retention;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.raprelay.catalog.archive.ArchiveCopies;
import io.raprelay.catalog.archive.ArchiveUnavailableException;
import io.raprelay.catalog.model.LegalHold;
import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;

/**
 * Legal holds on reports: the catalog's record ({@link LegalHold}) is what {@link Retention} obeys; where the archive
 * has holds of its own (S3 Object Lock), every copy of the report gets one too, in the same step: a hold is on record
 * only once the store holds the copies, and released on record only once the store has let them go. A store that
 * cannot be reached leaves the record as it was ({@link ArchiveUnavailableException}, 503); asking again completes it.
 */
@ApplicationScoped
public class LegalHolds {

    private static final Logger LOG = Logger.getLogger(LegalHolds.class);

    private final ArchiveCopies copies;
    private final Clock clock;

    public LegalHolds(ArchiveCopies copies, Clock clock) {
        this.copies = copies;
        this.clock = clock;
    }

    /** The hold in force on a report, if any. */
    public Optional<LegalHold> inForce(String reportKey) {
        return QuarkusTransaction.requiringNew().call(() -> LegalHold.inForce(reportKey));
    }

    /** Puts a report under a hold; the hold already in force, unchanged, if there is one. */
    public Placed hold(Report report, String reason, String by) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<LegalHold> held = LegalHold.inForce(report.reportKey);
            if (held.isPresent()) {
                return new Placed(held.get(), false);
            }
            LegalHold hold = new LegalHold();
            hold.reportKey = report.reportKey;
            hold.reason = reason;
            hold.setBy = by;
            hold.setAt = clock.instant();
            hold.persist();
            onStore(report, true);
            return new Placed(hold, true);
        });
    }

    /** Releases the hold in force on a report, if there is one; it stays on record. */
    public Optional<LegalHold> release(Report report, String reason, String by) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<LegalHold> held = LegalHold.inForce(report.reportKey);
            held.ifPresent(hold -> {
                hold.releasedBy = by;
                hold.releasedAt = clock.instant();
                hold.releaseReason = reason;
                onStore(report, false);
            });
            return held;
        });
    }

    private void onStore(Report report, boolean on) {
        if (!copies.holdsCopies()) {
            return;
        }
        List<ReportVersion> versions = ReportVersion.list("reportKey = ?1 and removedAt is null order by version",
                report.reportKey);
        for (ReportVersion version : versions) {
            try {
                copies.locate(report, version).legalHold(on);
            } catch (ArchiveCopies.Refused e) {
                LOG.warnf("No copy of %s version %d at %s to %s a legal hold on (%s)", report.reportKey,
                        version.version, e.place(), on ? "put" : "take", e.getMessage());
            } catch (IOException e) {
                throw new ArchiveUnavailableException("The archive did not take the legal hold of "
                        + report.reportKey + " version " + version.version + ": " + e.getMessage(), e);
            }
        }
    }

    /** A hold in force, and whether this request placed it. */
    public record Placed(LegalHold hold, boolean created) {
    }
}
