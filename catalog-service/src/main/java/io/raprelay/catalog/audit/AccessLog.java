package io.raprelay.catalog.audit;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.accesslog.ChainKey;
import io.raprelay.accesslog.ChainVerifier;
import io.raprelay.accesslog.CheckpointFile;
import io.raprelay.accesslog.CheckpointSigner;
import io.raprelay.accesslog.Entry;
import io.raprelay.accesslog.JdbcAccessLog;
import io.raprelay.catalog.CatalogConfig;
import io.raprelay.catalog.archive.AlertPublisher;
import io.raprelay.contracts.AccessLogCheckpointed;

/**
 * Appends entries to the keyed hash chain, makes signed checkpoints of it and verifies it. Appends are serialised by a
 * transaction-scoped advisory lock, so two concurrent calls never chain to the same predecessor, and the id order is
 * the chain order. The keys are read at start: a catalog without them does not start.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    private static final long CHAIN_LOCK = 0x52415052454C4159L; // "RAPRELAY"

    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;
    private final AlertPublisher publisher;
    private final Clock clock;
    private final CatalogConfig.AccessLog config;
    private final ChainKey chainKey;
    private final PrivateKey signingKey;
    private final PublicKey verifyKey;
    private volatile boolean started;

    public AccessLog(EntityManager entityManager, AgroalDataSource dataSource, AlertPublisher publisher, Clock clock,
            CatalogConfig config) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.clock = clock;
        this.config = config.accessLog();
        this.chainKey = ChainKey.read(this.config.chainKeyFile());
        this.signingKey = CheckpointSigner.readPrivateKey(this.config.checkpointSigningKeyFile());
        this.verifyKey = CheckpointSigner.readPublicKey(this.config.checkpointVerifyKeyFile());
        LOG.infof("Access log: chain key %s, checkpoints signed with key %s into %s", this.config.chainKeyFile(),
                CheckpointSigner.keyId(verifyKey), this.config.checkpointFile());
    }

    /** Creates the bean at start, so that a catalog without its keys does not start. */
    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    public record Call(String subject, String roles, String clientAddress, String action, String parameters,
            Integer resultCount, int outcome) {
    }

    public void append(Call call) {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("select pg_advisory_xact_lock(" + CHAIN_LOCK + ")").getSingleResult();
            List<?> last = entityManager.createNativeQuery("select hash from access_log order by id desc limit 1")
                    .getResultList();
            AccessLogEntry entry = new AccessLogEntry();
            // PostgreSQL keeps microseconds: hash what will be read back.
            entry.at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            entry.subject = call.subject();
            entry.roles = call.roles();
            entry.clientAddress = call.clientAddress();
            entry.action = call.action();
            entry.parameters = call.parameters();
            entry.resultCount = call.resultCount();
            entry.outcome = call.outcome();
            entry.previousHash = last.isEmpty() ? ChainKey.GENESIS : (String) last.get(0);
            entry.keyed = true;
            entry.hash = chainKey.hash(Entry.canonical(entry.previousHash, entry.at, entry.subject, entry.roles,
                    entry.clientAddress, entry.action, entry.parameters, entry.resultCount, entry.outcome), true);
            entry.persist();
        });
    }

    /**
     * @param firstBrokenId
     *            the first entry that does not hold (for a cut tail, the first id after the last remaining entry)
     */
    public record Verification(boolean intact, long entriesChecked, Long firstBrokenId, String problem,
            int checkpointsChecked, int checkpointsIgnored) {
    }

    /** Walks the chain from the first entry against the checkpoint file; names the first entry that does not hold. */
    public Verification verify() {
        ChainVerifier verifier = new ChainVerifier(chainKey, verifyKey);
        try (Connection connection = dataSource.getConnection()) {
            ChainVerifier.Result result = JdbcAccessLog.verify(connection, verifier,
                    CheckpointFile.read(config.checkpointFile()));
            return new Verification(result.intact(), result.entriesChecked(), result.firstBadId(), result.problem(),
                    result.checkpointsChecked(), result.checkpointsIgnored());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the access log: " + e.getMessage(), e);
        }
    }

    @Scheduled(every = "{catalog.access-log.checkpoint-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheckpoint() {
        if (started) {
            checkpoint();
        }
    }

    /**
     * Signs the log as it stands (entries, last id and hash), keeps the checkpoint in the file outside the database
     * and publishes it; returns it.
     */
    public AccessLogCheckpointed checkpoint() {
        Object[] head = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                "select count(*), coalesce(max(id), 0), coalesce((select hash from access_log order by id desc "
                        + "limit 1), '" + ChainKey.GENESIS + "') from access_log")
                .getSingleResult());
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AccessLogCheckpointed checkpoint = CheckpointSigner.sign(signingKey, verifyKey, at,
                ((Number) head[0]).longValue(), ((Number) head[1]).longValue(), (String) head[2]);
        CheckpointFile.append(config.checkpointFile(), checkpoint);
        publisher.publish(checkpoint);
        return checkpoint;
    }
}
