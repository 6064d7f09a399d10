package io.raprelay.fetcher.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.ScheduledPollConsumer;

import io.quarkus.logging.Log;
import io.raprelay.contracts.FailureReason;
import io.raprelay.contracts.FetchFailed;
import io.raprelay.contracts.FetchRecovered;
import io.raprelay.contracts.HostFailover;
import io.raprelay.contracts.HostKeyRejected;
import io.raprelay.contracts.HostRecovered;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.Traces;
import io.raprelay.fetcher.publish.FetchEventPublisher;
import io.raprelay.fetcher.site.FetcherConfig;
import io.raprelay.fetcher.site.RapHost;

/**
 * Wraps every poll of a RAP account. A poll that fails on one host (its login or listing, or a download the host
 * failed: it dropped the connection or hung past the read timeout) is retried at once on the next host of the active
 * data centre ({@link HostFailover}); when every host failed, {@link FetchFailed} is published, at most once per
 * {@code fetcher.poll.failure-repeat} while the outage lasts, and the next poll starts again from host 1. A host that
 * presents an unexpected key is reported ({@link HostKeyRejected}, both fingerprints) and nothing is read from it.
 * After a failover, host 1 is probed every {@code fetcher.poll.recovery-check} and taken back once healthy; the first
 * successful poll there publishes {@link HostRecovered}, naming the failovers.
 * <p>
 * This strategy decides when each poll is due; Camel only asks it every {@link #TICK} or less. After a poll, the next
 * is due:
 * <ul>
 * <li>at once, when it took as many files as {@code fetcher.poll.max-files-per-poll} allows and fetched at least one:
 * the cap bounds one poll's work, not how long a burst waits;</li>
 * <li>when the first file it left for being too young or still changing may be taken, if that is sooner than the
 * interval, but never sooner than {@link #earliestRecheck()} after this poll: a report that appeared just before a
 * poll does not wait a whole interval more;</li>
 * <li>otherwise after {@code fetcher.poll.interval}; after a poll that failed on every host, after
 * {@code 1 + fetcher.poll.backoff-multiplier} intervals.</li>
 * </ul>
 */
@ApplicationScoped
@Named("failoverPollStrategy")
public class FailoverPollStrategy implements PollingConsumerPollStrategy {

    /** How often Camel asks whether a poll is due, at most (the interval when that is shorter). */
    static final Duration TICK = Duration.ofMillis(500);

    private final HostSelection selection;
    private final FetchEventPublisher publisher;
    private final HostKeyProbe probe;
    private final FetchMetrics metrics;
    private final FetcherConfig.Poll config;
    private final Clock clock;

    public FailoverPollStrategy(HostSelection selection, FetchEventPublisher publisher, HostKeyProbe probe,
            FetchMetrics metrics, FetcherConfig config, Clock clock) {
        this.selection = selection;
        this.publisher = publisher;
        this.probe = probe;
        this.metrics = metrics;
        this.config = config.poll();
        this.clock = clock;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (!FetchEventPublisher.isReady()) {
            return false; // still starting: nothing may be fetched before it can be published
        }
        AccountPolling polling = selection.of(endpoint);
        if (!polling.retrying && !polling.pollDue()) {
            return false; // not yet; a retry on the next host (after a failover) is never held back
        }
        polling.startPoll();
        polling.triedThisPoll.add(polling.current());
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        AccountPolling polling = selection.of(endpoint);
        polling.listingDone();
        polling.awaitDownloads();
        Optional<AccountPolling.HostFailure> hostFailure = polling.hostFailure();
        if (hostFailure.isPresent()) {
            // The host listed the files, then failed a download (it hung, dropped the connection ...): the poll failed
            // on it as one whose listing failed would, or a host that lists but never serves is polled for ever.
            Log.infof("Poll %s via %s: %d files seen, %d new, %d fetched before the host failed a download",
                    polling.account().user(), polling.current().name(), polling.seen, polledMessages,
                    polling.fetchedCount());
            polling.closeSessions();
            AccountPolling.HostFailure failure = hostFailure.get();
            // A retry on the next host runs at once: Camel polls again in the same run when the consumer is greedy.
            ((ScheduledPollConsumer) consumer).setGreedy(
                    failed(polling, failure.reason(), failure.detail(), failure.cause()));
            return;
        }
        boolean backlog = backlogLeft(polledMessages, polling.fetchedCount());
        if (!backlog) {
            polling.closeSessions(); // a backlog's next poll starts at once and downloads over the same sessions
        }
        Instant now = clock.instant();
        RapHost host = polling.current();
        selection.status(host).succeeded(now);
        long millis = (System.nanoTime() - polling.pollStartedNanos) / 1_000_000;
        if (polling.inOutage()) {
            Log.infof("RAP account %s reachable again via %s after an outage since %s (%d failed polls)",
                    polling.account().user(), host.name(), polling.outageSince, polling.outageAttempts);
            if (!polling.failureEventIds.isEmpty()) { // someone was told of the outage: tell them it ended
                publishQuietly(new FetchRecovered(UUID.randomUUID().toString(), now, host.installation(),
                        polling.account().user(), host.dataCentre(), host.address(), polling.outageSince,
                        polling.outageAttempts, List.copyOf(polling.failureEventIds)));
            }
            polling.outageSince = null;
            polling.outageAttempts = 0;
            polling.lastFailureEventAt = null;
            polling.failureEventIds.clear();
        }
        tellHostOneIsBack(polling, host, now);
        Optional<Duration> settling = polling.readLock().firstSettlesIn();
        Duration wait = backlog
                ? Duration.ZERO
                : settling.filter(s -> s.compareTo(config.interval()) < 0)
                        .map(s -> s.compareTo(earliestRecheck()) < 0 ? earliestRecheck() : s)
                        .orElse(config.interval());
        polling.nextPollIn(wait);
        Log.infof("Poll %s via %s (%s): %d files seen, %d new, %d fetched, %d rejected, %d bytes in %d ms%s",
                polling.account().user(), host.name(), host.address(), polling.seen, polledMessages,
                polling.fetchedCount(), polling.rejected, polling.fetchedBytes(), millis,
                backlog
                        ? "; the cap was reached, the next poll starts now"
                        : wait.compareTo(config.interval()) < 0
                                ? "; a file left to settle, the next poll in " + wait.toMillis() + " ms"
                                : "");
        metrics.polled(polling.account(), Duration.ofMillis(millis));
        polling.endSpan(span -> span.setAttribute("rap.files.seen", polling.seen)
                .setAttribute("rap.files.new", polledMessages).setAttribute("rap.files.fetched", polling.fetchedCount())
                .setAttribute("rap.files.rejected", polling.rejected)
                .setAttribute("rap.bytes", polling.fetchedBytes()));
        returnToHostOneWhenHealthy(polling, now);
        // Camel runs the next poll at once, in the same scheduled run, when the consumer is greedy after this commit.
        ((ScheduledPollConsumer) consumer).setGreedy(backlog);
    }

    /**
     * The shortest time between polls brought forward for a settling file: the minimum age, or the stability check
     * when that is longer. A file being written for minutes costs at most one poll per this period, not one per tick.
     */
    private Duration earliestRecheck() {
        return config.minAge().compareTo(config.stableCheckInterval()) > 0
                ? config.minAge()
                : config.stableCheckInterval();
    }

    /** The poll stopped at its cap and made progress: more files are probably waiting, so poll again now. */
    private boolean backlogLeft(int polledMessages, int fetched) {
        return polledMessages >= config.maxFilesPerPoll() && fetched > 0;
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        AccountPolling polling = selection.of(endpoint);
        polling.listingDone();
        polling.awaitDownloads();
        polling.closeSessions();
        boolean cut = polling.listingWasCut();
        FailureReason reason = cut ? FailureReason.TIMEOUT : FailureClassifier.classify(cause);
        String detail = cut
                ? "the listing got no answer for " + polling.readTimeout().toSeconds()
                        + " s (read timeout) although the SSH connection was up; its session was cut"
                : FailureClassifier.detail(cause);
        return failed(polling, reason, detail, cause);
    }

    /**
     * The poll failed on its host: the next host of the active data centre not yet tried is tried at once (true), with
     * a {@link HostFailover}; when every host failed, the outage is recorded ({@link FetchFailed} when due) and the
     * next poll, from host 1, waits the backoff (false).
     */
    private boolean failed(AccountPolling polling, FailureReason reason, String detail, Exception cause) {
        Instant now = clock.instant();
        RapHost failed = polling.current();
        selection.status(failed).failed(now, reason, detail);
        metrics.failed(polling.account(), reason);
        Log.warnf("Poll %s via %s (%s) failed, %s: %s", polling.account().user(), failed.name(), failed.address(),
                reason, detail);
        if (reason == FailureReason.HOST_KEY) {
            reportHostKey(polling, failed, detail, now);
        }
        List<RapHost> hosts = selection.activeHosts(polling.account().installation());
        Optional<RapHost> next = hosts.stream().filter(h -> !polling.triedThisPoll.contains(h)).findFirst();
        if (next.isPresent()) {
            if (!polling.inOutage()) {
                HostFailover failover = new HostFailover(UUID.randomUUID().toString(), now, failed.installation(),
                        polling.account().user(), failed.dataCentre(), failed.address(), next.get().address(), reason,
                        detail);
                if (publishQuietly(failover)) {
                    rememberFailover(polling, failover);
                }
            }
            Log.warnf("Account %s fails over from %s to %s", polling.account().user(), failed.name(),
                    next.get().name());
            polling.moveTo(next.get());
            polling.retrying = true;
            return true;
        }
        polling.endSpan(span -> Traces.failed(span, cause));
        recordOutage(polling, reason, detail, now);
        polling.moveTo(hosts.get(0));
        polling.nextPollIn(config.interval().multipliedBy(1L + config.backoffMultiplier()));
        return false;
    }

    private static void rememberFailover(AccountPolling polling, HostFailover failover) {
        if (polling.failoverEventIds.isEmpty()) {
            polling.failedOverAt = failover.occurredAt();
            polling.failedOverIn = failover.dataCentre();
        }
        polling.failoverEventIds.addLast(failover.eventId());
        if (polling.failoverEventIds.size() > 100) {
            polling.failoverEventIds.removeFirst();
        }
    }

    /**
     * A successful poll on host 1 after a failover someone was told of: they are told it ended ({@link HostRecovered}).
     * When a data-centre switch moved the account away first, its notice says so and nothing more is published.
     */
    private void tellHostOneIsBack(AccountPolling polling, RapHost host, Instant now) {
        if (polling.failoverEventIds.isEmpty()) {
            return;
        }
        if (host.dataCentre() != polling.failedOverIn) {
            polling.failoverEventIds.clear();
            return;
        }
        if (!host.equals(selection.preferred(host.installation()))) {
            return; // still on the twin
        }
        Log.infof("Account %s polls %s again, away since a failover at %s", polling.account().user(), host.name(),
                polling.failedOverAt);
        publishQuietly(new HostRecovered(UUID.randomUUID().toString(), now, host.installation(),
                polling.account().user(), host.dataCentre(), host.address(), polling.failedOverAt,
                List.copyOf(polling.failoverEventIds)));
        polling.failoverEventIds.clear();
    }

    private void recordOutage(AccountPolling polling, FailureReason reason, String detail, Instant now) {
        if (polling.outageSince == null) {
            polling.outageSince = now;
        }
        polling.outageAttempts++;
        boolean due = polling.lastFailureEventAt == null
                || !now.isBefore(polling.lastFailureEventAt.plus(config.failureRepeat()));
        if (due) {
            List<String> tried = polling.triedThisPoll.stream().map(RapHost::address).toList();
            FetchFailed failed = new FetchFailed(UUID.randomUUID().toString(), now,
                    polling.account().installation(), polling.account().user(), polling.current().dataCentre(), reason,
                    "Every host of the " + polling.current().dataCentre() + " data centre failed; last: " + detail,
                    tried, polling.outageSince, polling.outageAttempts);
            if (publishQuietly(failed)) {
                polling.failureEventIds.addLast(failed.eventId());
                if (polling.failureEventIds.size() > 100) {
                    polling.failureEventIds.removeFirst();
                }
            }
            polling.lastFailureEventAt = now;
        }
    }

    private void reportHostKey(AccountPolling polling, RapHost host, String detail, Instant now) {
        HostKeyProbe.Result result = probe.probe(host, polling.account().knownHostsFile(), config.connectTimeout());
        String presented = result.presentedFingerprint() == null ? "unknown" : result.presentedFingerprint();
        selection.status(host).presentedHostKey(presented);
        if (polling.reportedHostKeys.add(host.name() + "|" + presented)) {
            String what = result.pinnedFingerprint() == null
                    ? "has no pinned key in "
                    : "presented a key other than "
                            + "the one pinned in ";
            publishQuietly(new HostKeyRejected(UUID.randomUUID().toString(), now, host.installation(),
                    host.dataCentre(), host.address(), result.pinnedFingerprint(), presented,
                    host.name() + " " + what + polling.account().knownHostsFile() + "; nothing was fetched from it ("
                            + detail + ")"));
        }
    }

    private void returnToHostOneWhenHealthy(AccountPolling polling, Instant now) {
        RapHost preferred = selection.preferred(polling.account().installation());
        if (polling.current().equals(preferred)) {
            return;
        }
        if (polling.lastRecoveryProbe != null && now.isBefore(polling.lastRecoveryProbe.plus(config.recoveryCheck()))) {
            return;
        }
        polling.lastRecoveryProbe = now;
        HostKeyProbe.Result result = probe.probe(preferred, polling.account().knownHostsFile(),
                config.connectTimeout());
        if (result.reachable() && result.keyMatches()) {
            Log.infof("%s is healthy again: account %s returns to it", preferred.name(), polling.account().user());
            polling.moveTo(preferred);
        }
    }

    /** Publishes; returns whether Kafka took it. */
    private boolean publishQuietly(RapEvent event) {
        try {
            publisher.publish(event);
            return true;
        } catch (RuntimeException e) {
            // Failure events are best effort: Kafka may be the thing that is down. Reports are never lost this way.
            Log.errorf(e, "Could not publish %s %s", event.type().cloudEventType(), event.eventId());
            return false;
        }
    }
}
