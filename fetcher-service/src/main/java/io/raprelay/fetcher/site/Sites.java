package io.raprelay.fetcher.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.fetcher.site.FetcherConfig.AccountConfig;
import io.raprelay.fetcher.site.FetcherConfig.SiteConfig;

/**
 * RAP's installations, hosts and accounts as configured, checked once at start: the service refuses to start on a
 * missing key or known_hosts file, a private key others could read ({@link KeyFileAccess}), or a malformed address,
 * with
 * a message naming the setting.
 */
@Startup
@ApplicationScoped
public class Sites {

    private static final Pattern ADDRESS = Pattern.compile(
            "^(?<host>[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:]+\\]):(?<port>\\d{1,5})$");

    private final Map<Installation, Map<DataCentre, List<RapHost>>> hosts = new EnumMap<>(Installation.class);
    private final Map<Installation, Path> knownHosts = new EnumMap<>(Installation.class);
    private final List<RapAccount> accounts = new ArrayList<>();

    public Sites(FetcherConfig config) {
        List<String> problems = new ArrayList<>();
        config.sites().forEach((key, site) -> readSite(key, site, problems));
        config.accounts().forEach((user, account) -> readAccount(user, account, problems));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("RAP Relay fetcher cannot start:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** The hosts of one data centre of an installation, host 1 first. */
    public List<RapHost> hosts(Installation installation, DataCentre dataCentre) {
        return hosts.getOrDefault(installation, Map.of()).getOrDefault(dataCentre, List.of());
    }

    public List<RapHost> hosts(Installation installation) {
        List<RapHost> all = new ArrayList<>();
        for (DataCentre dataCentre : DataCentre.values()) {
            all.addAll(hosts(installation, dataCentre));
        }
        return all;
    }

    /** The known_hosts file pinning the installation's host keys. */
    public Path knownHostsFile(Installation installation) {
        return knownHosts.get(installation);
    }

    public Set<Installation> installations() {
        return hosts.keySet();
    }

    public List<RapAccount> accounts() {
        return List.copyOf(accounts);
    }

    private void readSite(String key, SiteConfig site, List<String> problems) {
        Installation installation;
        try {
            installation = Installation.valueOf(key);
        } catch (IllegalArgumentException e) {
            problems.add("fetcher.sites." + key + ": unknown installation (HKSCC or HKCC_SEOCH)");
            return;
        }
        Map<DataCentre, List<RapHost>> byCentre = new EnumMap<>(DataCentre.class);
        byCentre.put(DataCentre.PRIMARY, parse(installation, DataCentre.PRIMARY, site.primary(), key, problems));
        byCentre.put(DataCentre.SECONDARY, parse(installation, DataCentre.SECONDARY, site.secondary(), key, problems));
        hosts.put(installation, byCentre);
        requireFile("fetcher.sites." + key + ".known-hosts-file", site.knownHostsFile(), problems);
        knownHosts.put(installation, site.knownHostsFile());
    }

    private List<RapHost> parse(Installation installation, DataCentre dataCentre, List<String> addresses, String key,
            List<String> problems) {
        List<RapHost> parsed = new ArrayList<>();
        String setting = "fetcher.sites." + key + "." + dataCentre.name().toLowerCase();
        if (addresses.isEmpty()) {
            problems.add(setting + ": no hosts");
        }
        for (String address : addresses) {
            Matcher m = ADDRESS.matcher(address.trim());
            int port = m.matches() ? Integer.parseInt(m.group("port")) : -1;
            if (port < 1 || port > 65535) {
                problems.add(setting + ": '" + address + "' is not a host:port address (e.g. 10.243.2.141:18801)");
                continue;
            }
            parsed.add(new RapHost(installation, dataCentre, parsed.size() + 1, m.group("host"), port));
        }
        return parsed;
    }

    private void readAccount(String user, AccountConfig account, List<String> problems) {
        String prefix = "fetcher.accounts." + user + ".";
        if (!hosts.containsKey(account.installation())) {
            problems.add(prefix + "installation: no fetcher.sites." + account.installation() + " configured");
        }
        if (!account.installation().clearingHouses().contains(account.clearingHouse())) {
            problems.add(prefix + "clearing-house: " + account.clearingHouse() + " is not served by "
                    + account.installation());
        }
        Path keyFile = account.privateKeyFile();
        if (!requireFile(prefix + "private-key-file", keyFile, problems)) {
            return;
        }
        try {
            Optional<String> access = KeyFileAccess.problem(keyFile);
            if (access.isPresent()) {
                problems.add(prefix + "private-key-file: " + keyFile + " " + access.get());
                return;
            }
            String passphrase = account.passphrase().orElse(null);
            if (account.passphraseFile().isPresent()
                    && requireFile(prefix + "passphrase-file", account.passphraseFile().get(), problems)) {
                passphrase = Files.readString(account.passphraseFile().get(), StandardCharsets.UTF_8).strip();
            }
            accounts.add(new RapAccount(user, account.installation(), account.clearingHouse(),
                    Files.readAllBytes(keyFile), passphrase, keyFile, knownHosts.get(account.installation()),
                    List.copyOf(account.folders())));
        } catch (IOException e) {
            problems.add(prefix + "private-key-file: cannot read " + keyFile + " (" + e.getMessage() + ")");
        }
    }

    private static boolean requireFile(String setting, Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(setting + ": " + file + " does not exist");
            return false;
        }
        if (!Files.isReadable(file)) {
            problems.add(setting + ": " + file + " is not readable");
            return false;
        }
        return true;
    }
}
