package io.raprelay.fetcher.poll;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.camel.component.file.remote.SftpEndpoint;

import io.raprelay.fetcher.site.RapAccount;
import io.raprelay.fetcher.site.RapHost;

/**
 * The polling state of one RAP account: the host its route talks to now, the current poll's counters, and the
 * outage in progress. Touched by that account's single polling thread, read by the status API.
 */
public final class AccountPolling {

    private final RapAccount account;
    private final SftpEndpoint endpoint;
    private volatile RapHost current;

    // The poll in progress (one consumer thread per account).
    final Set<RapHost> triedThisPoll = new LinkedHashSet<>();
    boolean retrying;
    long pollStartedNanos;
    int seen;
    int fetched;
    int rejected;
    long bytes;

    // The outage in progress: every host of the data centre failed.
    Instant outageSince;
    int outageAttempts;
    Instant lastFailureEventAt;
    Instant lastRecoveryProbe;
    final Set<String> reportedHostKeys = new HashSet<>();

    AccountPolling(RapAccount account, SftpEndpoint endpoint, RapHost current) {
        this.account = account;
        this.endpoint = endpoint;
        this.current = current;
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

    /** Points the account's SFTP endpoint at another host; the next connection goes there. */
    void use(RapHost host) {
        current = host;
        endpoint.getConfiguration().setHost(host.host());
        endpoint.getConfiguration().setPort(host.port());
    }

    void startPoll() {
        if (!retrying) {
            triedThisPoll.clear();
            pollStartedNanos = System.nanoTime();
            seen = 0;
            fetched = 0;
            rejected = 0;
            bytes = 0;
        }
        retrying = false;
    }

    void fetched(long size) {
        fetched++;
        bytes += size;
    }

    boolean inOutage() {
        return outageSince != null;
    }
}
