package io.raprelay.fetcher.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.simulator.SimulatorConfig;
import io.raprelay.simulator.host.RapHost;

/**
 * Runs the real RAP simulator (eight MINA SSHD hosts) for the fetcher's tests and points the fetcher at it, with
 * short poll and stability intervals. The simulator's data folder is kept for the whole test JVM, so a restarted
 * fetcher (another test profile) sees the same files and the same host keys.
 */
public class RapSimulatorTestResource implements QuarkusTestResourceLifecycleManager {

    static final String DATA_DIR_PROPERTY = "raprelay.test.simulator.dir";

    private RapSimulator simulator;

    @Override
    public Map<String, String> start() {
        simulator = RapSimulator.start(SimulatorConfig.forTests(dataDir()));
        return fetcherConfig(simulator, dataDir().resolve("fetcher"));
    }

    /**
     * The fetcher's configuration for every host and account of this simulator, with short poll and stability
     * intervals; also used to start the packaged fetcher as a separate process.
     */
    public static Map<String, String> fetcherConfig(RapSimulator simulator, Path fetcherDataDir) {
        Map<String, String> config = new HashMap<>();
        Path knownHosts = simulator.knownHostsFile();
        for (Installation installation : Installation.values()) {
            for (DataCentre dataCentre : DataCentre.values()) {
                List<String> hosts = List.of(address(simulator, installation, dataCentre, 1),
                        address(simulator, installation, dataCentre, 2));
                config.put("fetcher.sites." + installation + "." + dataCentre.name().toLowerCase(),
                        String.join(",", hosts));
            }
            config.put("fetcher.sites." + installation + ".known-hosts-file", knownHosts.toString());
        }
        for (var account : simulator.config().accounts()) {
            String prefix = "fetcher.accounts." + account.user() + ".";
            config.put(prefix + "installation", account.installation().name());
            config.put(prefix + "clearing-house", account.clearingHouse().name());
            config.put(prefix + "private-key-file",
                    simulator.generatedPrivateKey(account.user()).orElseThrow().toString());
        }
        // KeyWatchTest plays the days around it.
        config.put("fetcher.accounts.rapb01234.key-expires-on", "2099-01-01");
        config.put("fetcher.key-watch.interval", "off"); // KeyWatchTest looks itself
        config.put("fetcher.data-dir", fetcherDataDir.toString());
        config.put("fetcher.poll.interval", "1s");
        config.put("fetcher.poll.initial-delay", "0s");
        config.put("fetcher.poll.stable-check-interval", "1s");
        config.put("fetcher.poll.min-age", "1s");
        config.put("fetcher.poll.connect-timeout", "3s");
        config.put("fetcher.poll.read-timeout", "3s");
        config.put("fetcher.poll.recovery-check", "2s");
        config.put("fetcher.poll.backoff-multiplier", "1");
        config.put("fetcher.poll.size-limit", "10M");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(simulator,
                new TestInjector.AnnotatedAndMatchesType(InjectRapSimulator.class, RapSimulator.class));
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static String address(RapSimulator simulator, Installation installation, DataCentre dataCentre,
            int index) {
        RapHost host = simulator.host(installation, dataCentre, index);
        return "127.0.0.1:" + host.port();
    }

    private static synchronized Path dataDir() {
        String dir = System.getProperty(DATA_DIR_PROPERTY);
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("rap-relay-fetcher-test-").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(DATA_DIR_PROPERTY, dir);
        }
        return Path.of(dir);
    }
}
