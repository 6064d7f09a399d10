package io.raprelay.fetcher.site;

import java.time.Instant;
import java.util.List;

import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.FailureReason;
import io.raprelay.contracts.Installation;

/**
 * The status of one RAP installation as operators see it.
 *
 * @param warning
 *            set, loudly, while the secondary data centre is active
 */
public record SiteView(Installation installation, DataCentre activeDataCentre, Instant activeSince,
        String switchedBy, String switchReason, String warning, List<HostView> hosts, List<AccountView> accounts) {

    /** One host: its health and the key it presented versus the pinned one. */
    public record HostView(String name, String address, DataCentre dataCentre, int index, boolean healthy,
            Instant lastSuccessfulPoll, Instant lastFailure, FailureReason lastFailureReason, String lastError,
            String pinnedHostKeyFingerprint, String presentedHostKeyFingerprint) {
    }

    /** One account: which host it polls now, and the fingerprint of the SSH key it logs in with. */
    public record AccountView(String user, String currentHost, String keyFingerprint, List<String> folders) {
    }
}
