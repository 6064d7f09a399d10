package io.raprelay.catalog.archive;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.contracts.ArchiveAltered;
import io.raprelay.contracts.ArchiveRestored;

/**
 * The archive copies found altered and not yet found intact again (table {@code archive_alteration}): each published
 * {@link ArchiveAltered} is recorded, and the first check that finds the copy intact publishes one
 * {@link ArchiveRestored} naming them. Best effort, as the alert itself: a failure here never changes a download's
 * answer.
 */
@ApplicationScoped
public class ArchiveAlterations {

    private static final Logger LOG = Logger.getLogger(ArchiveAlterations.class);

    private final EntityManager entityManager;
    private final AlertPublisher alerts;
    private final Clock clock;

    public ArchiveAlterations(EntityManager entityManager, AlertPublisher alerts, Clock clock) {
        this.entityManager = entityManager;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Records an alteration Kafka acknowledged. */
    void recorded(ArchiveAltered altered) {
        try {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "insert into archive_alteration (event_id, report_key, version, detected_at) values (?1, ?2, ?3, ?4)"
                            + " on conflict do nothing")
                    .setParameter(1, altered.eventId()).setParameter(2, altered.reportKey())
                    .setParameter(3, altered.version()).setParameter(4, Timestamp.from(altered.occurredAt()))
                    .executeUpdate());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record alteration %s of %s", altered.eventId(), altered.reportKey());
        }
    }

    /**
     * The copy of {@code version} at {@code place} was found intact: if it was found altered before, publishes
     * {@link ArchiveRestored} once (the rows stay locked until Kafka acknowledged it, so a concurrent check waits and
     * then finds nothing open).
     */
    void intact(ReportVersion version, String place, String checkedBy) {
        try {
            QuarkusTransaction.requiringNew().run(() -> restore(version, place, checkedBy));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not publish ArchiveRestored for %s version %d", version.reportKey, version.version);
        }
    }

    @SuppressWarnings("unchecked")
    private void restore(ReportVersion version, String place, String checkedBy) {
        List<Object[]> open = entityManager.createNativeQuery(
                "select event_id, detected_at from archive_alteration where report_key = ?1 and version = ?2"
                        + " and restored_event_id is null order by detected_at for update",
                Object[].class)
                .setParameter(1, version.reportKey).setParameter(2, version.version).getResultList();
        if (open.isEmpty()) {
            return;
        }
        List<String> ids = open.stream().map(row -> (String) row[0]).toList();
        Instant since = instant(open.get(0)[1]);
        Instant now = clock.instant();
        ArchiveRestored restored = new ArchiveRestored(UUID.randomUUID().toString(), now, version.reportKey,
                version.reportId, version.version, place, version.sha256, since,
                ids.subList(Math.max(0, ids.size() - 100), ids.size()), checkedBy);
        alerts.publish(restored);
        entityManager.createNativeQuery("update archive_alteration set restored_event_id = ?1, restored_at = ?2"
                + " where event_id = any(?3)")
                .setParameter(1, restored.eventId()).setParameter(2, Timestamp.from(now))
                .setParameter(3, ids.toArray(String[]::new)).executeUpdate();
        LOG.infof("The archive copy of %s version %d is intact again (altered since %s); checked by %s",
                version.reportKey, version.version, since, checkedBy);
    }

    private static Instant instant(Object value) {
        return value instanceof Instant i
                ? i
                : value instanceof java.time.OffsetDateTime o ? o.toInstant() : ((Timestamp) value).toInstant();
    }
}
