package io.raprelay.catalog.retention;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.catalog.CatalogConfig;
import io.raprelay.catalog.archive.ArchiveCopies;
import io.raprelay.catalog.audit.AccessLog;
import io.raprelay.catalog.model.LegalHold;
import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.contracts.RetentionPeriods;

/**
 * How long archived copies are kept, and the one way a copy is removed: a version's copy is kept until its business
 * date plus the retention of its clearing house and source system (catalog.retention, seven years by default), and
 * after that only while no legal hold is in force on its report. {@link #remove} refuses anything earlier, whoever
 * asks; {@link #expire} (daily, catalog.retention.expiry) removes what is due. Each removal is recorded on the version
 * ({@code removedAt}) and in the access log (subject {@code retention}).
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");
    private static final int BATCH = 500;

    private final RetentionPeriods periods;
    private final ArchiveCopies copies;
    private final AccessLog accessLog;
    private final Clock clock;

    public Retention(CatalogConfig config, ArchiveCopies copies, AccessLog accessLog, Clock clock) {
        this.periods = new RetentionPeriods(config.retention().period(), config.retention().periods());
        this.copies = copies;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    /** The last day a report's copies are kept. */
    public LocalDate keptUntil(Report report) {
        return periods.keptUntil(report.clearingHouse, report.sourceSystem, report.businessDate);
    }

    /**
     * Removes one version's copy, once it is past its retention and its report is not held; refuses otherwise, and
     * removes nothing.
     */
    public void remove(Report report, ReportVersion version) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), HONG_KONG);
        LocalDate until = keptUntil(report);
        String what = version.reportKey + " version " + version.version;
        if (!today.isAfter(until)) {
            throw new RetentionRefusedException(what + " is kept until " + until + ": it may not be removed before");
        }
        Optional<LegalHold> hold = QuarkusTransaction.requiringNew().call(() -> LegalHold.inForce(report.reportKey));
        if (hold.isPresent()) {
            throw new RetentionRefusedException(what + " is under a legal hold since " + hold.get().setAt + " ("
                    + hold.get().reason + "): it may not be removed while the hold is in force");
        }
        String place;
        try {
            ArchiveCopies.Copy copy = copies.locate(report, version);
            place = copy.place();
            copy.remove();
        } catch (ArchiveCopies.Refused e) {
            place = e.place();
            LOG.errorf("No copy of %s to remove past its retention at %s (%s); recorded as removed", what, place,
                    e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("Could not remove " + what + "; tried again at the next expiry", e);
        }
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> ReportVersion.update("removedAt = ?1 where id = ?2", now,
                version.id));
        accessLog.append(new AccessLog.Call("retention", "system", "-", "RETENTION REMOVE",
                "reportKey=" + version.reportKey + "&version=" + version.version + "&keptUntil=" + until
                        + "&place=" + place,
                1, 204));
        LOG.infof("Removed the copy of %s past its retention (kept until %s)", what, until);
    }

    @Scheduled(cron = "{catalog.retention.expiry}", timeZone = "Asia/Hong_Kong", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireDaily() {
        int removed = expire();
        if (removed > 0) {
            LOG.infof("Retention removed %d copies past their retention", removed);
        }
    }

    /** Removes every copy past its retention whose report is not held; returns how many were removed. */
    public int expire() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), HONG_KONG);
        LocalDate cutoff = today.minus(periods.shortest());
        int removed = 0;
        long afterId = 0;
        while (true) {
            long after = afterId;
            List<Object[]> due = QuarkusTransaction.requiringNew().call(() -> Report.getEntityManager()
                    .createQuery("select r, v from Report r, ReportVersion v where v.reportKey = r.reportKey"
                            + " and v.removedAt is null and r.businessDate < ?1 and v.id > ?2 and not exists"
                            + " (select h from LegalHold h where h.reportKey = r.reportKey and h.releasedAt is null)"
                            + " order by v.id", Object[].class)
                    .setParameter(1, cutoff).setParameter(2, after).setMaxResults(BATCH).getResultList());
            for (Object[] row : due) {
                Report report = (Report) row[0];
                ReportVersion version = (ReportVersion) row[1];
                afterId = version.id;
                if (!today.isAfter(keptUntil(report))) {
                    continue;
                }
                try {
                    remove(report, version);
                    removed++;
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Retention could not remove %s version %d", version.reportKey, version.version);
                }
            }
            if (due.size() < BATCH) {
                return removed;
            }
        }
    }
}
