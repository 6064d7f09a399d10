package io.raprelay.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;

/**
 * The simulator's configuration, read from a properties file (see {@code rap-simulator.properties} in the module's
 * resources for every key with its meaning).
 *
 * @param dataDir
 *            where host keys, account keys, the report tree and {@code known_hosts} live
 * @param bindAddress
 *            loopback by default; the simulator is for one machine
 * @param basePort
 *            first SFTP port; the eight hosts take consecutive ports from it (0: free ports)
 * @param adminPort
 *            port of the admin HTTP API (0: a free port, -1: no admin API)
 * @param releaseInterval
 *            when set, the generator releases the next scheduled report every interval
 * @param dailyFolderPattern
 *            the name of daily subfolders as a {@code DateTimeFormatter} pattern (yyyyMMdd)
 */
public record SimulatorConfig(
        Path dataDir,
        String bindAddress,
        int basePort,
        int adminPort,
        List<AccountConfig> accounts,
        Duration releaseInterval,
        String dailyFolderPattern) {

    /** The eight hosts, in port order: HKSCC primary 1, 2, secondary 1, 2, then HKCC_SEOCH the same. */
    public List<HostAddress> hosts() {
        List<HostAddress> hosts = new ArrayList<>();
        int offset = 0;
        for (Installation installation : Installation.values()) {
            for (DataCentre dataCentre : DataCentre.values()) {
                for (int index = 1; index <= 2; index++) {
                    hosts.add(new HostAddress(installation, dataCentre, index, basePort == 0 ? 0 : basePort + offset));
                    offset++;
                }
            }
        }
        return hosts;
    }

    /** A RAP user account: the login, which installation it lives on and whose reports it holds. */
    public record AccountConfig(String user, Installation installation, ClearingHouse clearingHouse,
            String participant, Path authorizedKeys) {
    }

    /** Where one simulated RAP host listens. */
    public record HostAddress(Installation installation, DataCentre dataCentre, int index, int port) {

        /** A stable name such as {@code hkscc-primary-1}, used for its host key file and in the admin API. */
        public String name() {
            return (installation.name() + "-" + dataCentre.name() + "-" + index).toLowerCase(Locale.ROOT);
        }
    }

    /** Reads the keys under {@code simulator.}; relative paths resolve against {@code baseDir}. */
    public static SimulatorConfig from(Properties props, Path baseDir) {
        Path dataDir = baseDir.resolve(props.getProperty("simulator.data-dir", "work/rap-simulator")).normalize();
        List<AccountConfig> accounts = new ArrayList<>();
        TreeSet<String> users = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("simulator.account.") && key.endsWith(".installation")) {
                users.add(key.substring("simulator.account.".length(), key.length() - ".installation".length()));
            }
        }
        for (String user : users) {
            String prefix = "simulator.account." + user + ".";
            Installation installation = Installation.valueOf(required(props, prefix + "installation"));
            ClearingHouse house = ClearingHouse.valueOf(required(props, prefix + "clearing-house"));
            if (!installation.clearingHouses().contains(house)) {
                throw new IllegalArgumentException(
                        prefix + "clearing-house " + house + " is not served by " + installation);
            }
            String keys = props.getProperty(prefix + "authorized-keys");
            accounts.add(new AccountConfig(user, installation, house, required(props, prefix + "participant"),
                    keys == null
                            ? dataDir.resolve("accounts").resolve(user).resolve("authorized_keys")
                            : baseDir.resolve(keys).normalize()));
        }
        String interval = props.getProperty("simulator.generator.release-interval", "").trim();
        return new SimulatorConfig(dataDir,
                props.getProperty("simulator.bind-address", "127.0.0.1"),
                Integer.parseInt(props.getProperty("simulator.base-port", "18801")),
                Integer.parseInt(props.getProperty("simulator.admin-port", "18900")),
                List.copyOf(accounts),
                interval.isEmpty() ? null : Duration.parse(interval),
                props.getProperty("simulator.generator.daily-folder-pattern", "yyyyMMdd"));
    }

    /** A configuration for tests: free ports, no admin API, the three default accounts, data in {@code dataDir}. */
    public static SimulatorConfig forTests(Path dataDir) {
        Path accounts = dataDir.resolve("accounts");
        return new SimulatorConfig(dataDir, "127.0.0.1", 0, -1, List.of(
                new AccountConfig("rapb01234", Installation.HKSCC, ClearingHouse.HKSCC, "B01234",
                        accounts.resolve("rapb01234").resolve("authorized_keys")),
                new AccountConfig("raphkcc01", Installation.HKCC_SEOCH, ClearingHouse.HKCC, "HKCC01",
                        accounts.resolve("raphkcc01").resolve("authorized_keys")),
                new AccountConfig("rapseoch01", Installation.HKCC_SEOCH, ClearingHouse.SEOCH, "SEOCH01",
                        accounts.resolve("rapseoch01").resolve("authorized_keys"))),
                null, "yyyyMMdd");
    }

    private static String required(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing simulator setting " + key);
        }
        return value.trim();
    }
}
