package io.raprelay.catalog.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Appends entries to the hash chain and verifies it. Appends are serialised by a transaction-scoped advisory lock,
 * so two concurrent calls never chain to the same predecessor.
 */
@ApplicationScoped
public class AccessLog {

    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);
    private static final long CHAIN_LOCK = 0x52415052454C4159L; // "RAPRELAY"
    private static final int VERIFY_BATCH = 1000;

    private final EntityManager entityManager;
    private final Clock clock;

    public AccessLog(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
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
            entry.previousHash = last.isEmpty() ? GENESIS : (String) last.get(0);
            entry.hash = sha256(entry.canonical());
            entry.persist();
        });
    }

    public record Verification(boolean intact, long entriesChecked, Long firstBrokenId, String problem) {
    }

    /** Walks the chain from the first entry; names the first entry whose hash or link does not hold. */
    public Verification verify() {
        String expectedPrevious = GENESIS;
        long checked = 0;
        long afterId = 0;
        while (true) {
            long from = afterId;
            List<AccessLogEntry> batch = QuarkusTransaction.requiringNew().call(() -> AccessLogEntry
                    .<AccessLogEntry>find("id > ?1 order by id", from).page(0, VERIFY_BATCH).list());
            if (batch.isEmpty()) {
                return new Verification(true, checked, null, null);
            }
            for (AccessLogEntry entry : batch) {
                if (!entry.previousHash.equals(expectedPrevious)) {
                    return new Verification(false, checked, entry.id,
                            "does not link to the entry before it (an entry was removed or re-chained)");
                }
                if (!sha256(entry.canonical()).equals(entry.hash)) {
                    return new Verification(false, checked, entry.id, "its content does not match its hash");
                }
                expectedPrevious = entry.hash;
                checked++;
                afterId = entry.id;
            }
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
