package io.raprelay.fetcher.poll;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.jboss.logging.Logger;

/**
 * Decides when a listed file is complete enough to take, without writing anything on RAP and without sleeping in
 * the poll thread.
 * <p>
 * A file is taken when both hold:
 * <ul>
 * <li>it is at least {@code minAge} old (when set), and</li>
 * <li>its size and modification time did not change across {@code checkInterval}: either its modification time is
 * older than that interval (nothing was written to it since), or an earlier poll saw it with the same size and time
 * at least that long ago.</li>
 * </ul>
 * Otherwise the sighting is remembered and the file is left for a later poll, and the lock notes when the first file
 * it left could be taken ({@link #firstSettlesIn()}) so that poll need not wait a whole interval. SFTP (version 3)
 * gives modification times in whole seconds, so every age is computed from the end of that second: a file written at
 * 10:00:00.9 shows 10:00:00 and is treated as written at 10:00:01.
 * <p>
 * Camel's own {@code readLock=changed} does not fit: with a minimum age set it checks only the age and not the
 * stability, and with whole-second times a file still being written can look a second older than it is; without a
 * minimum age it sleeps in the poll thread for every file.
 */
@SuppressWarnings("rawtypes") // Camel's SftpEndpoint uses the raw SftpRemoteFile type
final class StableFileReadLock implements GenericFileExclusiveReadLockStrategy<SftpRemoteFile> {

    private static final Logger LOG = Logger.getLogger(StableFileReadLock.class);
    /** SFTP v3 modification times have whole-second resolution. */
    static final long TIME_RESOLUTION_MILLIS = 1000;
    /** Sightings of files that were never taken (deleted on RAP before they settled) are forgotten after this. */
    private static final long FORGET_AFTER_MILLIS = Duration.ofDays(1).toMillis();

    private final Duration checkInterval;
    private final Duration minAge;
    private final Clock clock;
    private final Map<String, Sighting> sightings = new ConcurrentHashMap<>();
    /** Forgotten sightings are swept at most once a day, not on every deferred file. */
    private volatile long lastSweep;
    /** The earliest moment (clock millis) a file left by the current poll may be taken; MAX_VALUE: none left. */
    private volatile long earliestSettle = Long.MAX_VALUE;

    StableFileReadLock(Duration checkInterval, Duration minAge, Clock clock) {
        this.checkInterval = checkInterval;
        this.minAge = minAge;
        this.clock = clock;
    }

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<SftpRemoteFile> operations,
            GenericFile<SftpRemoteFile> file, Exchange exchange) {
        return isStable(file.getAbsoluteFilePath(), file.getFileLength(), file.getLastModified());
    }

    /** True when the file of this listing may be taken; false leaves it for a later poll. */
    boolean isStable(String path, long size, long lastModified) {
        long now = clock.millis();
        long sinceWrite = now - (lastModified + TIME_RESOLUTION_MILLIS);
        Sighting earlier = sightings.get(path);
        boolean unchangedSinceEarlierPoll = earlier != null && earlier.size == size
                && earlier.lastModified == lastModified && now - earlier.seenAt >= checkInterval.toMillis();
        boolean stable = sinceWrite >= checkInterval.toMillis() || unchangedSinceEarlierPoll;
        if (stable && (minAge.isZero() || sinceWrite >= minAge.toMillis())) {
            sightings.remove(path);
            return true;
        }
        Sighting sighting = earlier;
        if (earlier == null || earlier.size != size || earlier.lastModified != lastModified) {
            sighting = new Sighting(size, lastModified, now);
            sightings.put(path, sighting);
        }
        long written = lastModified + TIME_RESOLUTION_MILLIS;
        long settles = Math.max(written + minAge.toMillis(),
                Math.min(written, sighting.seenAt) + checkInterval.toMillis());
        earliestSettle = Math.min(earliestSettle, settles);
        if (now - lastSweep > FORGET_AFTER_MILLIS) {
            sightings.values().removeIf(s -> now - s.seenAt > FORGET_AFTER_MILLIS);
            lastSweep = now;
        }
        LOG.debugf("%s is not settled yet (size %d, written %d ms ago); left for the next poll", path, size,
                sinceWrite);
        return false;
    }

    private record Sighting(long size, long lastModified, long seenAt) {
    }

    /** A poll starts: it has left no file yet. */
    void pollStarted() {
        earliestSettle = Long.MAX_VALUE;
    }

    /**
     * How long until the first file this poll left (too young, or maybe still being written) may be taken, if it
     * stays as it is; empty when the poll left none.
     */
    Optional<Duration> firstSettlesIn() {
        long settles = earliestSettle;
        return settles == Long.MAX_VALUE
                ? Optional.empty()
                : Optional.of(Duration.ofMillis(Math.max(0, settles - clock.millis())));
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<SftpRemoteFile> operations,
            GenericFileEndpoint<SftpRemoteFile> endpoint) {
        // nothing to prepare: this lock writes nothing on RAP
    }

    @Override
    public void releaseExclusiveReadLockOnAbort(GenericFileOperations<SftpRemoteFile> operations,
            GenericFile<SftpRemoteFile> file, Exchange exchange) {
        // nothing to release
    }

    @Override
    public void releaseExclusiveReadLockOnRollback(GenericFileOperations<SftpRemoteFile> operations,
            GenericFile<SftpRemoteFile> file, Exchange exchange) {
        // nothing to release
    }

    @Override
    public void releaseExclusiveReadLockOnCommit(GenericFileOperations<SftpRemoteFile> operations,
            GenericFile<SftpRemoteFile> file, Exchange exchange) {
        // nothing to release
    }

    @Override
    public void setTimeout(long timeout) {
        // no waiting, so no timeout
    }

    @Override
    public void setCheckInterval(long checkInterval) {
        // fixed at construction
    }

    @Override
    public void setReadLockLoggingLevel(LoggingLevel readLockLoggingLevel) {
        // logs at DEBUG
    }

    @Override
    public void setMarkerFiler(boolean markerFile) {
        // never writes marker files
    }

    @Override
    public void setDeleteOrphanLockFiles(boolean deleteOrphanLockFiles) {
        // never writes lock files
    }
}
