package io.raprelay.fetcher.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.camel.component.file.remote.SftpEndpoint;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.logging.Log;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.FailureReason;
import io.raprelay.fetcher.site.RapAccount;
import io.raprelay.fetcher.site.RapHost;

/**
 * The polling state of one RAP account: the host its route talks to now, the current poll's counters and downloads
 * in flight, and the outage in progress. The account's polling thread lists and hands files to download threads; a
 * poll ends only when every download it started has finished ({@link #awaitDownloads()}), so polls never overlap.
 */
public final class AccountPolling {

    private final RapAccount account;
    private final SftpEndpoint endpoint;
    private final DownloadSessions sessions;
    private volatile RapHost current;

    // The poll in progress (one consumer thread per account).
    final Set<RapHost> triedThisPoll = new LinkedHashSet<>();
    boolean retrying;
    long pollStartedNanos;
    private Instant pollStartedAt;
    // The poll's span: started when the poll hands over its first file (a poll that finds nothing leaves no trace).
    private Span span;
    int seen;
    int rejected;
    // Written by download threads, read after awaitDownloads(): guarded by this.
    private int fetched;
    private long bytes;
    private int downloading;
    private volatile ExecutorService downloads;
    // Set by the first download of the poll that the host failed (connection, timeout, login, host key): the poll's
    // other downloads are not started, and the poll fails on the host as one whose listing failed.
    private final AtomicReference<HostFailure> hostFailure = new AtomicReference<>();

    /** How the host failed a download of this poll: the poll's failure on it. */
    record HostFailure(FailureReason reason, String detail, Exception cause) {
    }

    // When the next poll is due (System.nanoTime()), set at the end of each poll.
    private volatile long nextPollDue = System.nanoTime();

    // The outage in progress: every host of the data centre failed.
    Instant outageSince;
    int outageAttempts;
    Instant lastFailureEventAt;
    /** The outage's published FetchFailed ids (the latest 100): FetchRecovered names them. */
    final Deque<String> failureEventIds = new ArrayDeque<>();
    Instant lastRecoveryProbe;
    // Away from host 1 after a failover: since when, in which data centre, and the published HostFailover ids (the
    // latest 100), which HostRecovered names. Polling thread only.
    Instant failedOverAt;
    DataCentre failedOverIn;
    final Deque<String> failoverEventIds = new ArrayDeque<>();
    final Set<String> reportedHostKeys = new HashSet<>();

    // The poll's listing, watched like the downloads: from its login until the poll has its files.
    private final StallWatch listing;
    private final Duration readTimeout;

    AccountPolling(RapAccount account, SftpEndpoint endpoint, RapHost current) {
        this.account = account;
        this.endpoint = endpoint;
        this.current = current;
        // Camel's SFTP "timeout" option, set from fetcher.poll.read-timeout: Camel gives JSch the keep-alive interval
        // as its socket timeout instead, and a server that answers keep-alives never reaches it.
        this.readTimeout = Duration.ofMillis(endpoint.getConfiguration().getTimeout());
        this.sessions = new DownloadSessions(this, endpoint, readTimeout);
        RapSftpComponent.Endpoint listingEndpoint = (RapSftpComponent.Endpoint) endpoint;
        this.listing = new StallWatch(readTimeout, listingEndpoint::cutListing);
        // Watched from the login on: connecting has its own timeout and retries (a host down is NETWORK).
        listingEndpoint.onListingConnected(listing::waiting);
    }

    public RapAccount account() {
        return account;
    }

    public RapHost current() {
        return current;
    }

    SftpEndpoint endpoint() {
        return endpoint;
    }

    DownloadSessions sessions() {
        return sessions;
    }

    StableFileReadLock readLock() {
        return (StableFileReadLock) endpoint.getExclusiveReadLockStrategy();
    }

    /** True once the wait set by {@link #nextPollIn(Duration)} has passed. */
    boolean pollDue() {
        return System.nanoTime() - nextPollDue >= 0;
    }

    void nextPollIn(Duration wait) {
        nextPollDue = System.nanoTime() + wait.toNanos();
    }

    /** Points the account's SFTP endpoint at another host, then publishes it: the next connection goes there. */
    void use(RapHost host) {
        endpoint.getConfiguration().setHost(host.host());
        endpoint.getConfiguration().setPort(host.port());
        current = host;
    }

    /**
     * Moves the account to another host from its polling thread, between polls: as {@link #use(RapHost)}, and the
     * listing's session, should it still be connected to the host left, is closed, so that the next poll lists where
     * it downloads.
     */
    void moveTo(RapHost host) {
        ((RapSftpComponent.Endpoint) endpoint).cutListing();
        use(host);
    }

    void startPoll() {
        hostFailure.set(null);
        listing.reset();
        if (!retrying) {
            triedThisPoll.clear();
            readLock().pollStarted();
            pollStartedNanos = System.nanoTime();
            pollStartedAt = Instant.now();
            seen = 0;
            rejected = 0;
            synchronized (this) {
                fetched = 0;
                bytes = 0;
            }
        }
        retrying = false;
    }

    /**
     * The span of the poll in progress, the root of the traces of the reports it fetches: started by the first file
     * the poll hands to a download (dated back to the poll's start), ended by {@link #endSpan}. Polling thread only.
     */
    Span span(Tracer tracer) {
        if (span == null) {
            span = tracer.spanBuilder("rap.poll")
                    .setStartTimestamp(pollStartedAt)
                    .setAttribute(AttributeKey.stringKey("rap.account"), account.user())
                    .setAttribute(AttributeKey.stringKey("rap.installation"), account.installation().name())
                    .setAttribute(AttributeKey.stringKey("rap.host"), current.address())
                    .startSpan();
        }
        return span;
    }

    /** Ends the poll's span, if the poll had one, after {@code finish} has added what the poll found. */
    void endSpan(Consumer<Span> finish) {
        if (span != null) {
            finish.accept(span);
            span.end();
            span = null;
        }
    }

    /**
     * The account's download threads, and the watchdog that cuts a session waiting on RAP for longer than the read
     * timeout: the poll's listing, or a download. It looks several times per timeout, so a stall is cut within 1.25
     * times the timeout.
     */
    void downloadWith(ExecutorService executor, ScheduledExecutorService watchdog) {
        this.downloads = executor;
        long period = Math.max(50, readTimeout.toMillis() / 4);
        watchdog.scheduleWithFixedDelay(this::cutStalled, period, period, TimeUnit.MILLISECONDS);
    }

    private void cutStalled() {
        long now = System.nanoTime();
        if (listing.cutIfStalled(now)) {
            Log.warnf("The listing of %s for %s waited on RAP for more than %s (read timeout): its session is cut",
                    current.address(), account.user(), readTimeout);
        }
        sessions.cutStalled(now);
    }

    /** The listing made progress (an entry reached the filter). */
    void listed() {
        listing.progress();
    }

    /** The poll has its files (or failed): no longer listing. */
    void listingDone() {
        listing.done();
    }

    /** True when the watchdog cut this poll's listing: the poll's failure is a TIMEOUT, whatever Camel reports. */
    boolean listingWasCut() {
        return listing.wasCut();
    }

    Duration readTimeout() {
        return readTimeout;
    }

    /** Runs a download of this poll on one of the account's download threads; the poll waits for it. */
    void download(Runnable download) {
        synchronized (this) {
            downloading++;
        }
        try {
            downloads.execute(() -> {
                try {
                    download.run();
                } finally {
                    downloadFinished();
                }
            });
        } catch (RejectedExecutionException e) {
            downloadFinished(); // stopping: the file stays unmarked and is fetched after the restart
            throw e;
        }
    }

    /**
     * Records that the host failed one of this poll's downloads; true for the first such failure of the poll, which
     * becomes the poll's failure on the host ({@link #hostFailure()}). The poll's downloads not yet started are then
     * skipped ({@link #hostFailedThisPoll()}): each would wait for the same timeout, one after the other.
     */
    boolean hostFailed(FailureReason reason, String detail, Exception cause) {
        return hostFailure.compareAndSet(null, new HostFailure(reason, detail, cause));
    }

    /** True once the host failed a download of this poll: the files not yet started wait for the retry. */
    boolean hostFailedThisPoll() {
        return hostFailure.get() != null;
    }

    /** The first download failure of this poll that was the host's, if any. */
    Optional<HostFailure> hostFailure() {
        return Optional.ofNullable(hostFailure.get());
    }

    private synchronized void downloadFinished() {
        downloading--;
        notifyAll();
    }

    synchronized void fetched(long size) {
        fetched++;
        bytes += size;
    }

    synchronized int fetchedCount() {
        return fetched;
    }

    synchronized long fetchedBytes() {
        return bytes;
    }

    /**
     * Waits until every download this poll started has finished. Each download is bounded by the read timeout and the
     * Kafka acknowledgement timeout, so this wait is too. The poll's SFTP sessions stay open: {@link #closeSessions}.
     */
    void awaitDownloads() {
        synchronized (this) {
            while (downloading > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // stopping: a download cut short leaves its file unmarked, fetched after the restart
                }
            }
        }
    }

    /**
     * Closes the download sessions once no download is in flight: at the end of a poll, unless the next poll of the
     * same backlog starts at once and borrows them again (up to {@code parallel-downloads} logins less per capped
     * poll).
     */
    void closeSessions() {
        sessions.closeAll();
    }

    boolean inOutage() {
        return outageSince != null;
    }
}
