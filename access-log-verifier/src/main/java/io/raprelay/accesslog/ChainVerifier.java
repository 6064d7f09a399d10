package io.raprelay.accesslog;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import io.raprelay.contracts.AccessLogCheckpointed;

/**
 * Walks the access log from its first entry and checks each link, each hash and each signed checkpoint; names the
 * first entry that does not hold, and why: a rewritten entry (its content no longer matches its keyed hash), an
 * inserted one (no valid hash without the key), a deleted one (the next entry no longer links), a re-chained or
 * downgraded log (a plain entry after keyed ones, or a head a checkpoint does not know) and a cut tail (a checkpoint
 * counted entries the log no longer has).
 */
public final class ChainVerifier {

    private final ChainKey key;
    private final PublicKey checkpointKey;

    public ChainVerifier(ChainKey key, PublicKey checkpointKey) {
        this.key = key;
        this.checkpointKey = checkpointKey;
    }

    /**
     * @param intact
     *            every entry and every checkpoint holds
     * @param firstBadId
     *            the first entry that does not hold (for a cut tail: the first id after the last remaining entry)
     * @param checkpointsChecked
     *            checkpoints signed by this key that were compared with the log
     * @param checkpointsIgnored
     *            checkpoints signed by another key (an earlier key; check them with that key's public half)
     */
    public record Result(boolean intact, long entriesChecked, Long firstBadId, String problem, int checkpointsChecked,
            int checkpointsIgnored) {
    }

    public Result verify(Iterator<Entry> entries, List<AccessLogCheckpointed> checkpoints) {
        String keyId = CheckpointSigner.keyId(checkpointKey);
        List<AccessLogCheckpointed> ours = new ArrayList<>();
        int ignored = 0;
        for (AccessLogCheckpointed checkpoint : checkpoints) {
            if (!checkpoint.keyId().equals(keyId)) {
                ignored++;
            } else if (!CheckpointSigner.verify(checkpoint, checkpointKey)) {
                return new Result(false, 0, null, "the checkpoint " + checkpoint.eventId()
                        + " does not carry a valid signature (forged or altered)", 0, ignored);
            } else {
                ours.add(checkpoint);
            }
        }
        ours.sort(Comparator.comparingLong(AccessLogCheckpointed::entries));
        int next = 0;
        while (next < ours.size() && ours.get(next).entries() == 0) {
            next++; // a checkpoint of the empty log holds whatever follows
        }
        long count = 0;
        long lastId = 0;
        String expectedPrevious = ChainKey.GENESIS;
        boolean keyedSeen = false;
        while (entries.hasNext()) {
            Entry entry = entries.next();
            count++;
            String problem = null;
            if (!entry.keyed() && keyedSeen) {
                problem = "a plain (unkeyed) entry after keyed ones: inserted or re-chained without the key";
            } else if (!entry.previousHash().equals(expectedPrevious)) {
                problem = "does not link to the entry before it: an entry before it was removed, or it was inserted";
            } else if (!key.hash(entry).equals(entry.hash())) {
                problem = "its content does not match its hash: rewritten, or inserted without the key";
            }
            while (problem == null && next < ours.size() && ours.get(next).entries() == count) {
                AccessLogCheckpointed checkpoint = ours.get(next++);
                if (checkpoint.headId() != entry.id() || !checkpoint.headHash().equals(entry.hash())) {
                    problem = "the checkpoint of " + checkpoint.occurredAt() + " recorded entry number " + count
                            + " as id " + checkpoint.headId() + " with another hash: the log before it was re-chained";
                }
            }
            if (problem != null) {
                return new Result(false, count - 1, entry.id(), problem, next, ignored);
            }
            keyedSeen |= entry.keyed();
            expectedPrevious = entry.hash();
            lastId = entry.id();
        }
        if (next < ours.size()) {
            AccessLogCheckpointed checkpoint = ours.get(ours.size() - 1);
            return new Result(false, count, lastId + 1, "the log ends after entry " + lastId + " (" + count
                    + " entries), but the checkpoint of " + checkpoint.occurredAt() + " counted "
                    + checkpoint.entries() + " up to entry " + checkpoint.headId()
                    + ": entries after " + lastId + " were removed", next, ignored);
        }
        return new Result(true, count, null, null, next, ignored);
    }
}
