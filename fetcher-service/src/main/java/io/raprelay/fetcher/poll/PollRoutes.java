package io.raprelay.fetcher.poll;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.spi.IdempotentRepository;

import io.raprelay.fetcher.practice.PracticeCalendar;
import io.raprelay.fetcher.publish.FetchEventPublisher;
import io.raprelay.fetcher.site.FetcherConfig;
import io.raprelay.fetcher.site.RapAccount;
import io.raprelay.fetcher.site.RapHost;
import io.raprelay.fetcher.site.Sites;

/**
 * One Camel SFTP route per RAP account, polling the account's folders recursively on the host
 * {@link HostSelection} chose, and downloading up to {@code fetcher.poll.parallel-downloads} files at once. Read-only
 * by construction: {@code noop} (never move or delete), no {@code autoCreate},
 * a read lock that only looks at listings ({@link StableFileReadLock}), strict host-key checking against the pinned
 * known_hosts file.
 * The private key and passphrase are set on the endpoint's configuration, never written into a URI.
 */
@ApplicationScoped
public class PollRoutes extends RouteBuilder {

    private final Sites sites;
    private final HostSelection selection;
    private final FailoverPollStrategy pollStrategy;
    private final ReportFetchProcessor fetchProcessor;
    private final IdempotentRepository fetched;
    private final FetchEventPublisher publisher;
    private final FetchMetrics metrics;
    private final FetcherConfig config;
    private final Clock clock;
    private final PracticeCalendar practice;

    public PollRoutes(Sites sites, HostSelection selection, FailoverPollStrategy pollStrategy,
            ReportFetchProcessor fetchProcessor, IdempotentRepository fetched, FetchEventPublisher publisher,
            FetchMetrics metrics, FetcherConfig config, Clock clock, PracticeCalendar practice) {
        this.practice = practice;
        this.sites = sites;
        this.selection = selection;
        this.pollStrategy = pollStrategy;
        this.fetchProcessor = fetchProcessor;
        this.fetched = fetched;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void configure() {
        // Camel's sftp component, with listing sessions that the watchdog below can cut (RapSftpComponent).
        if (!(getCamelContext().hasComponent("sftp") instanceof RapSftpComponent)) {
            getCamelContext().removeComponent("sftp");
            getCamelContext().addComponent("sftp", new RapSftpComponent());
        }
        // One thread watches every account's listings and downloads for stalls (AccountPolling, DownloadSessions);
        // Camel stops it with the context.
        ScheduledExecutorService watchdog = getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "stall watchdog");
        for (RapAccount account : sites.accounts()) {
            SftpEndpoint endpoint = endpoint(account, selection.preferred(account.installation()));
            AccountPolling polling = selection.register(account, endpoint);
            endpoint.setFilter(new RemoteFileFilter(polling, fetched, publisher, metrics,
                    config.poll().sizeLimit().asLongValue(), clock, practice));
            endpoint.setPollStrategy(pollStrategy);
            polling.downloadWith(getCamelContext().getExecutorServiceManager().newFixedThreadPool(this,
                    "download " + account.user(), config.poll().parallelDownloads()), watchdog);

            // Poll one RAP account's folders; hand each new report version to the account's download threads, which
            // archive and publish it, then mark it fetched. The poll ends when its last download has finished.
            from(endpoint)
                    .routeId("poll-" + account.user())
                    // Camel Quarkus caches message bodies by default: off, no report is ever held in memory.
                    .streamCache("false")
                    .process(fetchProcessor);
        }
    }

    private SftpEndpoint endpoint(RapAccount account, RapHost host) {
        FetcherConfig.Poll poll = config.poll();
        String uri = "sftp://" + host.host() + ":" + host.port()
                + "?username=" + account.user()
                + "&knownHostsFile=" + account.knownHostsFile().toAbsolutePath()
                + "&strictHostKeyChecking=yes&useUserKnownHostsFile=false&autoCreateKnownHostsFile=false"
                + "&preferredAuthentications=publickey"
                + "&recursive=true&minDepth=1&maxDepth=3&stepwise=false"
                // The fetched store is checked by RemoteFileFilter and written by ReportFetchProcessor once Kafka has
                // acknowledged: Camel's own idempotent handling would mark a file as soon as it is handed over.
                + "&noop=true&idempotent=false&autoCreate=false"
                + "&maxMessagesPerPoll=" + poll.maxFilesPerPoll()
                + "&sortBy=file:modified"
                // This session only lists: DownloadSessions downloads (streamed) on sessions of its own.
                + "&download=false&streamDownload=true&binary=true&disconnect=true"
                + "&throwExceptionOnConnectFailed=true"
                + "&connectTimeout=" + millis(poll.connectTimeout())
                + "&timeout=" + millis(poll.readTimeout())
                + "&serverAliveInterval=" + millis(poll.keepAlive()) + "&serverAliveCountMax=3"
                // Camel asks FailoverPollStrategy every tick whether a poll is due; the strategy keeps the interval
                // and the backoff after failures.
                + "&delay=" + Math.min(poll.interval().toMillis(), FailoverPollStrategy.TICK.toMillis())
                + "&initialDelay=" + poll.initialDelay().toMillis()
                + "&jschLoggingLevel=WARN";
        SftpEndpoint endpoint = getCamelContext().getEndpoint(uri, RapSftpComponent.Endpoint.class);
        endpoint.setExclusiveReadLockStrategy(new StableFileReadLock(poll.stableCheckInterval(), poll.minAge(), clock));
        endpoint.getConfiguration().setCiphers(poll.ciphers());
        poll.bulkRequests().ifPresent(endpoint.getConfiguration()::setBulkRequests);
        endpoint.getConfiguration().setPrivateKey(account.privateKey());
        if (account.passphrase() != null) {
            endpoint.getConfiguration().setPrivateKeyPassphrase(account.passphrase());
        }
        return endpoint;
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
