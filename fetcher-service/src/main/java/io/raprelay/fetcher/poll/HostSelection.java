package io.raprelay.fetcher.poll;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.Endpoint;
import org.apache.camel.component.file.remote.SftpEndpoint;

import io.quarkus.logging.Log;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.fetcher.site.ActiveDataCentre;
import io.raprelay.fetcher.site.DataCentreService;
import io.raprelay.fetcher.site.HostStatus;
import io.raprelay.fetcher.site.RapAccount;
import io.raprelay.fetcher.site.RapHost;
import io.raprelay.fetcher.site.Sites;

/**
 * Which RAP host each account polls: host 1 of the active data centre unless it failed over to host 2. Also keeps
 * what the fetcher last saw of every host. A data-centre switch moves every account of the installation to the new
 * data centre's host 1.
 */
@ApplicationScoped
public class HostSelection {

    private final Sites sites;
    private final DataCentreService dataCentres;
    private final Map<String, AccountPolling> accounts = new ConcurrentHashMap<>();
    private final Map<Endpoint, AccountPolling> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, HostStatus> hosts = new LinkedHashMap<>();

    public HostSelection(Sites sites, DataCentreService dataCentres) {
        this.sites = sites;
        this.dataCentres = dataCentres;
        for (Installation installation : sites.installations()) {
            sites.hosts(installation).forEach(h -> hosts.put(h.name(), HostStatus.of(h)));
        }
    }

    /** Registers an account's endpoint and points it at host 1 of the active data centre. */
    public AccountPolling register(RapAccount account, SftpEndpoint endpoint) {
        AccountPolling polling = new AccountPolling(account, endpoint, preferred(account.installation()));
        polling.use(polling.current());
        accounts.put(account.user(), polling);
        byEndpoint.put(endpoint, polling);
        return polling;
    }

    public AccountPolling of(Endpoint endpoint) {
        AccountPolling polling = byEndpoint.get(endpoint);
        if (polling == null) {
            throw new IllegalStateException("Not a RAP account endpoint: " + endpoint);
        }
        return polling;
    }

    public Collection<AccountPolling> accounts() {
        return accounts.values();
    }

    public HostStatus status(RapHost host) {
        return hosts.get(host.name());
    }

    public List<HostStatus> statuses(Installation installation) {
        return hosts.values().stream().filter(s -> s.host().installation() == installation).toList();
    }

    /** The hosts of the installation's active data centre, host 1 first. */
    public List<RapHost> activeHosts(Installation installation) {
        return sites.hosts(installation, dataCentres.active(installation).dataCentre());
    }

    public RapHost preferred(Installation installation) {
        return activeHosts(installation).get(0);
    }

    void onDataCentreSwitched(@Observes ActiveDataCentre active) {
        DataCentre target = active.dataCentre();
        for (AccountPolling polling : accounts.values()) {
            if (polling.account().installation() == active.installation()) {
                RapHost host = sites.hosts(active.installation(), target).get(0);
                polling.use(host);
                Log.infof("Account %s now polls %s (%s)", polling.account().user(), host.name(), host.address());
            }
        }
    }
}
