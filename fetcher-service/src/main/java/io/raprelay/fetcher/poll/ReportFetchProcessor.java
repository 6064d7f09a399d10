package io.raprelay.fetcher.poll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.spi.IdempotentRepository;

import io.quarkus.logging.Log;
import io.raprelay.contracts.FailureReason;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.fetcher.archive.ArchivedFile;
import io.raprelay.fetcher.archive.ReportArchive;
import io.raprelay.fetcher.classify.Classification;
import io.raprelay.fetcher.classify.ReportClassifier;
import io.raprelay.fetcher.publish.FetchEventPublisher;
import io.raprelay.fetcher.site.FetcherConfig;
import io.raprelay.fetcher.site.RapAccount;
import io.raprelay.fetcher.site.RapHost;

/**
 * Handles one new remote file version, on one of the account's download threads: classify, stream it from RAP over a
 * session of {@link DownloadSessions} into the archive (SHA-256 on the way, durable before anything else), publish
 * {@link ReportArrived} and wait for Kafka's acknowledgement, and only then mark the file fetched. A crash or error
 * anywhere before leaves it unmarked, so the next poll fetches it again and publishes the same report id and event
 * id.
 */
@ApplicationScoped
@Named("reportFetchProcessor")
public class ReportFetchProcessor implements Processor {

    private static final HexFormat HEX = HexFormat.of();

    private final HostSelection selection;
    private final ReportClassifier classifier;
    private final ReportArchive archive;
    private final FetchEventPublisher publisher;
    private final FetchMetrics metrics;
    private final IdempotentRepository fetched;
    private final long sizeLimit;
    private final Clock clock;

    public ReportFetchProcessor(HostSelection selection, ReportClassifier classifier, ReportArchive archive,
            FetchEventPublisher publisher, FetchMetrics metrics, IdempotentRepository fetched, FetcherConfig config,
            Clock clock) {
        this.selection = selection;
        this.classifier = classifier;
        this.archive = archive;
        this.publisher = publisher;
        this.metrics = metrics;
        this.fetched = fetched;
        this.sizeLimit = config.poll().sizeLimit().asLongValue();
        this.clock = clock;
    }

    /** Runs in the account's polling thread: hands the file to a download thread and returns. */
    @Override
    public void process(Exchange exchange) {
        GenericFile<?> file = exchange.getProperty(Exchange.FILE_EXCHANGE_FILE, GenericFile.class);
        AccountPolling polling = selection.of(exchange.getFromEndpoint());
        polling.download(() -> {
            try {
                fetch(polling, file);
            } catch (Exception e) {
                FailureReason reason = FailureClassifier.classify(e);
                metrics.failed(polling.account(), reason);
                Log.warnf(e, "Could not fetch %s for %s (%s); it stays unmarked and is fetched on the next poll",
                        file.getRelativeFilePath(), polling.account().user(), reason);
            }
        });
    }

    /** Downloads, archives and publishes one file version, then marks it fetched. */
    void fetch(AccountPolling polling, GenericFile<?> file) throws IOException {
        RapAccount account = polling.account();
        String remotePath = file.getRelativeFilePath().replace('\\', '/');
        Instant modified = Instant.ofEpochMilli(file.getLastModified());
        Classification classification = classifier.classify(account.installation(), remotePath, modified);

        DownloadSessions.Session session = polling.sessions().borrow();
        RapHost host = session.host();
        ArchivedFile archived;
        boolean healthy = false;
        try {
            try (InputStream content = polling.sessions().open(session, file)) {
                archived = archive.write(account.installation(), account.user(), classification.businessDate(),
                        file.getFileNameOnly(), content, sizeLimit);
            }
            healthy = true;
        } finally {
            polling.sessions().release(session, healthy);
        }
        if (archived.size() != file.getFileLength()) {
            // RAP changed the file while we read it: leave it unmarked and take the settled version next poll.
            throw new IOException(remotePath + " changed while downloading (" + file.getFileLength() + " bytes listed, "
                    + archived.size() + " read)");
        }

        String key = FetchedKey.of(account.user(), file);
        String reportId = "r-" + sha256(key).substring(0, 32);
        ReportArrived event = new ReportArrived(
                UUID.nameUUIDFromBytes(("ReportArrived/" + reportId).getBytes(StandardCharsets.UTF_8)).toString(),
                reportId, account.installation() + "/" + account.user() + "/" + remotePath, account.clearingHouse(),
                classification.system(), classification.reportCode(), classification.participant(),
                classification.businessDate(), file.getFileNameOnly(), remotePath, archived.size(), archived.sha256(),
                modified, clock.instant(), account.installation(), account.user(), host.dataCentre(), host.address(),
                archived.path().toUri().toString(), classification.mediaType(), false);
        publisher.publish(event);
        fetched.add(key); // only now: Kafka has acknowledged the event
        polling.fetched(archived.size());
        metrics.fetched(account, archived.size());
        Log.infof("Fetched %s for %s via %s: %d bytes, sha256 %s, %s %s, business date %s", remotePath,
                account.user(), host.name(), archived.size(), archived.sha256(), classification.system(),
                classification.reportCode(), classification.businessDate());
    }

    private static String sha256(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
