package io.raprelay.fetcher.poll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.spi.IdempotentRepository;
import org.eclipse.microprofile.health.Readiness;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.raprelay.contracts.FailureReason;
import io.raprelay.contracts.FetchFailed;
import io.raprelay.contracts.InvalidEventException;
import io.raprelay.contracts.RejectionReason;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.ReportRejected;
import io.raprelay.contracts.RetentionPeriods;
import io.raprelay.contracts.Traces;
import io.raprelay.fetcher.archive.Archive;
import io.raprelay.fetcher.archive.ArchiveHealthCheck;
import io.raprelay.fetcher.archive.ArchivedFile;
import io.raprelay.fetcher.archive.FileNameGuard;
import io.raprelay.fetcher.archive.ReportArchive.ArchiveWriteException;
import io.raprelay.fetcher.classify.Classification;
import io.raprelay.fetcher.classify.ReportClassifier;
import io.raprelay.fetcher.practice.PracticeCalendar;
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
    /** Failures of the host, not of one file: the poll's other downloads would meet them too. */
    private static final Set<FailureReason> HOST_FAILURES = EnumSet.of(FailureReason.NETWORK, FailureReason.TIMEOUT,
            FailureReason.AUTHENTICATION, FailureReason.HOST_KEY);

    private final HostSelection selection;
    private final ReportClassifier classifier;
    private final Archive archive;
    private final FetchEventPublisher publisher;
    private final FetchMetrics metrics;
    private final IdempotentRepository fetched;
    private final long sizeLimit;
    private final Clock clock;
    private final ArchiveHealthCheck archiveHealth;
    private final PracticeCalendar practice;
    private final RetentionPeriods retention;
    private final Tracer tracer;

    public ReportFetchProcessor(HostSelection selection, ReportClassifier classifier, Archive archive,
            FetchEventPublisher publisher, FetchMetrics metrics, IdempotentRepository fetched, FetcherConfig config,
            Clock clock, @Readiness ArchiveHealthCheck archiveHealth, PracticeCalendar practice, Tracer tracer) {
        this.tracer = tracer;
        this.practice = practice;
        this.archiveHealth = archiveHealth;
        this.selection = selection;
        this.classifier = classifier;
        this.archive = archive;
        this.publisher = publisher;
        this.metrics = metrics;
        this.fetched = fetched;
        this.sizeLimit = config.poll().sizeLimit().asLongValue();
        this.retention = new RetentionPeriods(config.retention().period(), config.retention().periods());
        this.clock = clock;
    }

    /**
     * Runs in the account's polling thread: hands the file to a download thread and returns. While the archive cannot
     * be written, only a probe write now and then goes ahead; the other files stay unmarked for a later poll.
     */
    @Override
    public void process(Exchange exchange) {
        GenericFile<?> file = exchange.getProperty(Exchange.FILE_EXCHANGE_FILE, GenericFile.class);
        AccountPolling polling = selection.of(exchange.getFromEndpoint());
        polling.listingDone();
        if (!archiveHealth.mayWrite(clock.instant())) {
            Log.debugf("Archive not writable: %s waits for a later poll", file.getRelativeFilePath());
            return;
        }
        Context poll = Context.root().with(polling.span(tracer));
        polling.download(() -> {
            if (polling.hostFailedThisPoll()) {
                Log.debugf("The host failed this poll: %s waits for the retry", file.getRelativeFilePath());
                return;
            }
            // One report's trace: this span, the archive write, the publish, then the catalog's and notifier's spans.
            Span span = tracer.spanBuilder("rap.fetch").setParent(poll)
                    .setAttribute("rap.account", polling.account().user())
                    .setAttribute("rap.remote_path", FileNameGuard.printable(file.getRelativeFilePath()))
                    .setAttribute("rap.size", file.getFileLength()).startSpan();
            try (Scope scope = Traces.enter(span)) {
                fetch(polling, file);
            } catch (ArchiveWriteException e) {
                Traces.failed(span, e);
                archiveFailed(polling, file, e);
            } catch (Exception e) {
                Traces.failed(span, e);
                FailureReason reason = FailureClassifier.classify(e);
                boolean firstHostFailure = HOST_FAILURES.contains(reason)
                        && polling.hostFailed(reason, FailureClassifier.detail(e), e);
                metrics.failed(polling.account(), reason);
                Log.warnf(e, "Could not fetch %s for %s (%s); it stays unmarked and is fetched on the next poll",
                        file.getRelativeFilePath(), polling.account().user(), reason);
                if (firstHostFailure) {
                    Log.warnf("The host failed a download of this poll (%s): the poll's downloads not yet started "
                            + "wait, and the poll fails over to the next host", reason);
                }
            } finally {
                span.end();
            }
        });
    }

    /** Readiness down, writes held back, and one critical {@link FetchFailed} per outage (retried until sent). */
    private void archiveFailed(AccountPolling polling, GenericFile<?> file, ArchiveWriteException e) {
        Instant now = clock.instant();
        String detail = FailureClassifier.detail(e);
        archiveHealth.failed(detail, now);
        metrics.failed(polling.account(), FailureReason.ARCHIVE);
        Log.errorf("Cannot write %s for %s to the archive (%s); nothing is marked fetched, writes are held back "
                + "until the archive takes them again", file.getRelativeFilePath(), polling.account().user(), detail);
        if (archiveHealth.shouldAlert()) {
            try {
                publisher.publish(new FetchFailed(UUID.randomUUID().toString(), now,
                        polling.account().installation(), polling.account().user(), polling.current().dataCentre(),
                        FailureReason.ARCHIVE, "The archive at " + archive.location() + " cannot be written: " + detail,
                        List.of(polling.current().address()), archiveHealth.failingSince(), 1));
                archiveHealth.alertSent();
            } catch (RuntimeException publishFailed) {
                Log.warnf("Could not publish the archive failure (%s); tried again at the next failed write",
                        publishFailed.getMessage());
            }
        }
    }

    /** Downloads, archives and publishes one file version, then marks it fetched. */
    void fetch(AccountPolling polling, GenericFile<?> file) throws IOException {
        RapAccount account = polling.account();
        String remotePath = file.getRelativeFilePath().replace('\\', '/');
        Instant modified = Instant.ofEpochMilli(file.getLastModified());
        Classification classification = classifier.classify(account.installation(), remotePath, modified);

        DownloadSessions.Session session = polling.sessions().borrow();
        RapHost host = session.host();
        String practiceSession = practice.sessionAt(clock.instant(), host.dataCentre()).orElse(null);
        ArchivedFile archived;
        boolean healthy = false;
        Span archiving = tracer.spanBuilder("rap.archive").setAttribute("rap.host", host.address()).startSpan();
        try (Scope scope = Traces.enter(archiving)) {
            // A file RAP changes while we read it leaves nothing in the archive: the settled version comes next poll.
            try (InputStream content = polling.sessions().open(session, file)) {
                archived = archive.write(practiceSession, account.installation(), account.user(),
                        classification.businessDate(), file.getFileNameOnly(), content, sizeLimit,
                        file.getFileLength(), retention.lockedUntil(account.clearingHouse(), classification.system(),
                                classification.businessDate()).toInstant());
            }
            archiving.setAttribute("rap.archive_location", archived.location().toString())
                    .setAttribute("rap.sha256", archived.sha256());
            healthy = true;
        } catch (IOException | RuntimeException e) {
            Traces.failed(archiving, e);
            throw e;
        } finally {
            archiving.end();
            polling.sessions().release(session, healthy);
        }
        Duration outage = archiveHealth.succeeded(clock.instant());
        if (outage != null) {
            Log.infof("The archive takes writes again after %s; held-back files are fetched from the next poll",
                    outage);
        }

        String key = FetchedKey.of(account.user(), file, practiceSession);
        String reportId = "r-" + sha256(key).substring(0, 32);
        String reportKey = (practiceSession == null ? "" : "practice/" + practiceSession + "/")
                + account.installation() + "/" + account.user() + "/" + remotePath;
        ReportArrived event = new ReportArrived(
                UUID.nameUUIDFromBytes(("ReportArrived/" + reportId).getBytes(StandardCharsets.UTF_8)).toString(),
                reportId, reportKey, account.clearingHouse(),
                classification.system(), classification.reportCode(), classification.participant(),
                classification.businessDate(), file.getFileNameOnly(), remotePath, archived.size(), archived.sha256(),
                modified, clock.instant(), account.installation(), account.user(), host.dataCentre(), host.address(),
                archived.location().toString(), classification.mediaType(), practiceSession != null,
                practiceSession);
        Span.current().setAttribute("rap.report_id", reportId);
        try {
            publisher.publish(event);
        } catch (InvalidEventException e) {
            refuse(polling, file, remotePath, archived, String.join("; ", e.problems()));
            return;
        }
        fetched.add(key); // only now: Kafka has acknowledged the event
        polling.fetched(archived.size());
        metrics.fetched(account, archived.size());
        Log.infof("Fetched %s for %s via %s: %d bytes, sha256 %s, %s %s, business date %s%s", remotePath,
                account.user(), host.name(), archived.size(), archived.sha256(), classification.system(),
                classification.reportCode(), classification.businessDate(),
                practiceSession == null ? "" : ", practice session " + practiceSession);
    }

    /** A file whose event would break the contract is refused once, like a hostile name, never retried for ever. */
    private void refuse(AccountPolling polling, GenericFile<?> file, String remotePath, ArchivedFile archived,
            String problems) {
        String detail = problems.length() > 2000 ? problems.substring(0, 1999) + "…" : problems;
        publisher.publish(new ReportRejected(UUID.randomUUID().toString(), clock.instant(),
                polling.account().installation(), polling.account().user(), polling.current().dataCentre(),
                polling.current().address(), FileNameGuard.printable(remotePath), RejectionReason.INVALID_EVENT,
                detail, file.getFileLength()));
        fetched.add(FetchedKey.of(polling.account().user(), file));
        metrics.rejected(polling.account(), RejectionReason.INVALID_EVENT);
        Log.warnf("Refused %s for %s: its event would break the contract (%s); the archived copy %s is not announced",
                FileNameGuard.printable(remotePath), polling.account().user(), detail, archived.location());
    }

    private static String sha256(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
