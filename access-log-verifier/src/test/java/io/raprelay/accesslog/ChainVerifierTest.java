package io.raprelay.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.raprelay.contracts.AccessLogCheckpointed;

/** The chain and its checkpoints against each way the table's owner could change the log without the keys. */
class ChainVerifierTest {

    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

    @TempDir
    Path keys;

    private ChainKey key;
    private PrivateKey signing;
    private PublicKey verifying;
    private ChainVerifier verifier;

    @BeforeEach
    void keys() {
        CheckpointSigner.createKeys(keys);
        key = ChainKey.read(keys.resolve("access-log-chain.key"));
        signing = CheckpointSigner.readPrivateKey(keys.resolve("checkpoint-signing.pem"));
        verifying = CheckpointSigner.readPublicKey(keys.resolve("checkpoint-verify.pem"));
        verifier = new ChainVerifier(key, verifying);
    }

    @Test
    void anIntactLogWithItsCheckpointsHolds() {
        List<Entry> log = chain(6);
        ChainVerifier.Result result = verifier.verify(log.iterator(), List.of(checkpoint(log, 0), checkpoint(log, 3),
                checkpoint(log, 6)));
        assertThat(result.intact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(6);
        assertThat(result.checkpointsChecked()).isEqualTo(3);
    }

    @Test
    void eachTamperIsNamed() {
        List<Entry> log = chain(6);
        List<AccessLogCheckpointed> checkpoints = List.of(checkpoint(log, 6));

        List<Entry> rewritten = new ArrayList<>(log);
        rewritten.set(2, with(log.get(2), "mallory", log.get(2).previousHash(), log.get(2).hash(), true));
        assertBad(rewritten, checkpoints, 3, "content does not match");

        List<Entry> deleted = new ArrayList<>(log);
        deleted.remove(2);
        assertBad(deleted, checkpoints, 4, "does not link");

        List<Entry> inserted = new ArrayList<>(log);
        Entry forged = new Entry(3, T0, "mallory", "admin", "10.0.0.1", "GET /api/reports", "", 1, 200,
                log.get(1).hash(), "f".repeat(64), true);
        inserted.add(2, forged);
        assertBad(inserted, checkpoints, 3, "content does not match");

        assertBad(log.subList(0, 4), checkpoints, 5, "entries after 4 were removed");

        // Re-chained without the key: every entry a plain SHA-256, links recomputed; the checkpoint does not know it.
        List<Entry> downgraded = new ArrayList<>();
        String previous = ChainKey.GENESIS;
        for (Entry entry : log) {
            Entry plain = with(entry, entry.subject(), previous, null, false);
            plain = with(plain, plain.subject(), previous, key.hash(plain.canonical(), false), false);
            downgraded.add(plain);
            previous = plain.hash();
        }
        assertBad(downgraded, checkpoints, 6, "re-chained");
        assertBad(List.of(log.get(0), downgraded.get(1)), List.of(), 2, "plain (unkeyed) entry after keyed ones");
    }

    @Test
    void aForgedOrAlteredCheckpointIsRefused() {
        List<Entry> log = chain(3);
        AccessLogCheckpointed real = checkpoint(log, 3);
        AccessLogCheckpointed altered = new AccessLogCheckpointed(real.eventId(), real.occurredAt(), 2,
                log.get(1).id(), log.get(1).hash(), real.keyId(), real.signature());
        ChainVerifier.Result result = verifier.verify(log.subList(0, 2).iterator(), List.of(altered));
        assertThat(result.intact()).isFalse();
        assertThat(result.problem()).contains("does not carry a valid signature");
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new ChainKey(new byte[16])).hasMessageContaining("at least 32 bytes");
    }

    private void assertBad(List<Entry> log, List<AccessLogCheckpointed> checkpoints, long firstBad, String problem) {
        ChainVerifier.Result result = verifier.verify(log.iterator(), checkpoints);
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBadId()).isEqualTo(firstBad);
        assertThat(result.problem()).contains(problem);
    }

    private List<Entry> chain(int size) {
        List<Entry> log = new ArrayList<>();
        String previous = ChainKey.GENESIS;
        for (int id = 1; id <= size; id++) {
            Entry entry = new Entry(id, T0.plusSeconds(id), "audrey", "auditor", "127.0.0.1", "GET /api/reports",
                    "limit=" + id, id, 200, previous, null, true);
            entry = with(entry, entry.subject(), previous, key.hash(entry.canonical(), true), true);
            log.add(entry);
            previous = entry.hash();
        }
        return log;
    }

    private AccessLogCheckpointed checkpoint(List<Entry> log, int entries) {
        Entry head = entries == 0 ? null : log.get(entries - 1);
        return CheckpointSigner.sign(signing, verifying, T0.plusSeconds(100 + entries), entries,
                head == null ? 0 : head.id(), head == null ? ChainKey.GENESIS : head.hash());
    }

    private static Entry with(Entry entry, String subject, String previousHash, String hash, boolean keyed) {
        return new Entry(entry.id(), entry.at(), subject, entry.roles(), entry.clientAddress(), entry.action(),
                entry.parameters(), entry.resultCount(), entry.outcome(), previousHash, hash, keyed);
    }
}
