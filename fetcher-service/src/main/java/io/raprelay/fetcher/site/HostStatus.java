package io.raprelay.fetcher.site;

import java.time.Instant;

import io.raprelay.contracts.FailureReason;

/**
 * What the fetcher last saw of one RAP host. Mutable and thread-safe: updated by the polling thread, read by the
 * status API, health check and metrics.
 */
public final class HostStatus {

    private final RapHost host;
    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;
    private volatile FailureReason lastReason;
    private volatile String lastError;
    private volatile String presentedHostKey;

    private HostStatus(RapHost host) {
        this.host = host;
    }

    public static HostStatus of(RapHost host) {
        return new HostStatus(host);
    }

    public synchronized void succeeded(Instant at) {
        lastSuccess = at;
    }

    public synchronized void failed(Instant at, FailureReason reason, String error) {
        lastFailure = at;
        lastReason = reason;
        lastError = error;
    }

    /** Healthy when the last contact was a success (or there was none yet). */
    public boolean healthy() {
        Instant failure = lastFailure;
        return failure == null || (lastSuccess != null && lastSuccess.isAfter(failure));
    }

    public RapHost host() {
        return host;
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public Instant lastFailure() {
        return lastFailure;
    }

    public FailureReason lastReason() {
        return lastReason;
    }

    public String lastError() {
        return lastError;
    }

    public String presentedHostKey() {
        return presentedHostKey;
    }

    public void presentedHostKey(String fingerprint) {
        presentedHostKey = fingerprint;
    }
}
