package io.raprelay.fetcher.poll;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.spi.IdempotentRepository;

import io.quarkus.logging.Log;
import io.raprelay.contracts.RejectionReason;
import io.raprelay.contracts.ReportRejected;
import io.raprelay.fetcher.archive.FileNameGuard;
import io.raprelay.fetcher.practice.PracticeCalendar;
import io.raprelay.fetcher.publish.FetchEventPublisher;

/**
 * Decides, for one account, which listed entries its route may take: only the configured top-level folders, and
 * never a name that would escape the archive, holds control characters, is not UTF-8 or is too long, nor a file over
 * the size limit. Each refused file version is reported once ({@link ReportRejected}) and remembered in the fetched
 * store, so it is neither downloaded nor reported again; the poll goes on with the other files.
 */
@SuppressWarnings("rawtypes")
final class RemoteFileFilter implements GenericFileFilter<SftpRemoteFile> {

    private static final int MAX_REMOTE_PATH = 1024;
    private static final int MAX_REPORT_KEY = 512;

    private final AccountPolling polling;
    private final IdempotentRepository fetched;
    private final FetchEventPublisher publisher;
    private final FetchMetrics metrics;
    private final long sizeLimit;
    private final Clock clock;
    private final PracticeCalendar practice;

    RemoteFileFilter(AccountPolling polling, IdempotentRepository fetched, FetchEventPublisher publisher,
            FetchMetrics metrics, long sizeLimit, Clock clock, PracticeCalendar practice) {
        this.practice = practice;
        this.polling = polling;
        this.fetched = fetched;
        this.publisher = publisher;
        this.metrics = metrics;
        this.sizeLimit = sizeLimit;
        this.clock = clock;
    }

    @Override
    public boolean accept(GenericFile<SftpRemoteFile> file) {
        polling.listed();
        String relative = file.getRelativeFilePath().replace('\\', '/');
        String top = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : relative;
        if (!polling.account().folders().contains(top)) {
            return false;
        }
        Optional<RejectionReason> refusal = FileNameGuard.check(listedName(file));
        if (file.isDirectory()) {
            if (refusal.isPresent()) {
                reject(file, relative, refusal.get(), "directory name refused");
            }
            return refusal.isEmpty();
        }
        polling.seen++;
        if (refusal.isEmpty() && file.getFileLength() > sizeLimit) {
            refusal = Optional.of(RejectionReason.OVERSIZE);
        }
        if (refusal.isEmpty() && tooLongForTheContract(relative)) {
            refusal = Optional.of(RejectionReason.PATH_TOO_LONG);
        }
        if (refusal.isPresent()) {
            reject(file, relative, refusal.get(), describe(refusal.get(), file));
            return false;
        }
        if (!practice.known()) {
            // Until the practice schedule is read, a file could be a practice file taken for production: it waits.
            Log.debugf("Practice schedule not read yet: %s waits for a later poll", relative);
            return false;
        }
        String session = practice.sessionAt(clock.instant(), polling.current().dataCentre()).orElse(null);
        return !fetched.contains(FetchedKey.of(polling.account().user(), file, session));
    }

    private void reject(GenericFile<SftpRemoteFile> file, String relative, RejectionReason reason, String detail) {
        String key = FetchedKey.of(polling.account().user(), file);
        if (fetched.contains(key)) {
            return;
        }
        String printable = FileNameGuard.printable(relative);
        publisher.publish(new ReportRejected(UUID.randomUUID().toString(), clock.instant(),
                polling.account().installation(), polling.account().user(), polling.current().dataCentre(),
                polling.current().address(), printable, reason, detail, file.isDirectory()
                        ? null
                        : file.getFileLength()));
        // Remembered only after Kafka acknowledged the rejection, as for fetched reports.
        fetched.add(key);
        polling.rejected++;
        metrics.rejected(polling.account(), reason);
        Log.warnf("Refused %s from %s for account %s: %s (%s)", printable, polling.current().name(),
                polling.account().user(), reason, detail);
    }

    /** ReportArrived holds the path (at most 1,024 characters) and the key installation/account/path (512). */
    private boolean tooLongForTheContract(String relative) {
        String key = polling.account().installation() + "/" + polling.account().user() + "/" + relative;
        return relative.length() > MAX_REMOTE_PATH || key.length() > MAX_REPORT_KEY;
    }

    private String describe(RejectionReason reason, GenericFile<SftpRemoteFile> file) {
        return switch (reason) {
            case PATH_TRAVERSAL -> "the name holds '..' or a path separator and would escape the archive";
            case CONTROL_CHARACTERS -> "the name holds control characters";
            case NAME_TOO_LONG -> "the name is longer than " + FileNameGuard.MAX_NAME_BYTES + " bytes";
            case INVALID_ENCODING -> "the name is not valid UTF-8";
            case OVERSIZE -> file.getFileLength() + " bytes is over the limit of " + sizeLimit + " bytes";
            case PATH_TOO_LONG -> "the path is longer than a report may carry (" + MAX_REMOTE_PATH
                    + " characters, or " + MAX_REPORT_KEY + " with installation and account)";
            case INVALID_EVENT -> "the report's event would break its contract";
        };
    }

    /** The name exactly as the server listed it; Camel's own view may already have split it at separators. */
    private static String listedName(GenericFile<SftpRemoteFile> file) {
        SftpRemoteFile remote = file.getFile();
        return remote != null ? remote.getFilename() : file.getFileNameOnly();
    }
}
