package io.raprelay.fetcher.site;

import java.util.Locale;

import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;

/**
 * One RAP SFTP host: which installation and data centre it belongs to, its place (1 or 2) and its address.
 */
public record RapHost(Installation installation, DataCentre dataCentre, int index, String host, int port) {

    /** A stable name such as {@code hkscc-primary-1}, used in route ids, metrics and the status API. */
    public String name() {
        return (installation.name() + "-" + dataCentre.name() + "-" + index).toLowerCase(Locale.ROOT)
                .replace('_', '-');
    }

    /** {@code host:port}, as events and logs show it. */
    public String address() {
        return host + ":" + port;
    }

    /** How an OpenSSH known_hosts file names this host: bare for port 22, else {@code [host]:port}. */
    public String knownHostsName() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }
}
