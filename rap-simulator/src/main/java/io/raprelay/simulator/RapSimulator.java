package io.raprelay.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.simulator.SimulatorConfig.AccountConfig;
import io.raprelay.simulator.SimulatorConfig.HostAddress;
import io.raprelay.simulator.host.AccountKeys;
import io.raprelay.simulator.host.HostileNames;
import io.raprelay.simulator.host.RapHost;
import io.raprelay.simulator.host.SftpOperationLog;
import io.raprelay.simulator.report.ReportCatalogue;
import io.raprelay.simulator.report.ReportGenerator;

/**
 * The whole simulated RAP: eight SFTP hosts (two installations x two data centres x two hosts) serving the accounts'
 * report trees, the report generator and the operation log. Used by tests in-process and by {@link RapSimulatorMain}.
 *
 * <p>
 * Layout of the data directory: {@code hostkeys/} (one key per host, kept across restarts), {@code accounts/<user>/}
 * (authorized keys, and a generated key pair when none was registered), {@code tree/<installation>/<user>/} (what
 * the account sees: {@code INBOX/}, {@code COMMON/}, {@code RPF/}) and {@code known_hosts} (all eight host keys).
 */
public final class RapSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RapSimulator.class);

    private final SimulatorConfig config;
    private final Map<String, RapHost> hosts = new LinkedHashMap<>();
    private final Map<String, Path> generatedKeys = new LinkedHashMap<>();
    private final SftpOperationLog operations = new SftpOperationLog();
    private final ReportGenerator generator;

    private RapSimulator(SimulatorConfig config) {
        this.config = config;
        createDirectories(config.dataDir());
        HostileNames hostileNames = new HostileNames(config.dataDir().resolve("hostile-names.tsv"));
        for (AccountConfig account : config.accounts()) {
            AccountKeys.createIfMissing(account.authorizedKeys(), account.user() + "@rap-simulator")
                    .ifPresent(key -> generatedKeys.put(account.user(), key));
            Path generated = account.authorizedKeys().toAbsolutePath().getParent().resolve("id_ecdsa");
            if (Files.exists(generated)) {
                generatedKeys.putIfAbsent(account.user(), generated);
            }
        }
        for (HostAddress address : config.hosts()) {
            Map<String, AccountConfig> accounts = config.accounts().stream()
                    .filter(a -> a.installation() == address.installation())
                    .collect(Collectors.toMap(AccountConfig::user, Function.identity()));
            hosts.put(address.name(), new RapHost(address, config.bindAddress(),
                    config.dataDir().resolve("hostkeys").resolve(address.name() + ".key"), accounts,
                    treeRoot(address.installation()), operations, hostileNames));
        }
        generator = new ReportGenerator(config.accounts(), this::home, config.dataDir().resolve("staging"),
                new ReportCatalogue(config.dailyFolderPattern()), hostileNames);
    }

    /** Starts every host and writes {@code known_hosts}. */
    public static RapSimulator start(SimulatorConfig config) {
        long started = System.nanoTime();
        RapSimulator simulator = new RapSimulator(config);
        try {
            simulator.hosts.values().forEach(RapHost::start);
            simulator.writeKnownHosts();
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        LOG.info("RAP simulator: {} hosts up in {} ms", simulator.hosts.size(),
                (System.nanoTime() - started) / 1_000_000);
        return simulator;
    }

    public RapHost host(Installation installation, DataCentre dataCentre, int index) {
        return host(new HostAddress(installation, dataCentre, index, 0).name());
    }

    public RapHost host(String name) {
        RapHost host = hosts.get(name);
        if (host == null) {
            throw new NoSuchElementException("No host " + name + "; hosts are " + hosts.keySet());
        }
        return host;
    }

    public List<RapHost> hosts() {
        return List.copyOf(hosts.values());
    }

    /** Stops both hosts of a data centre, as a data-centre outage would. */
    public void stopDataCentre(Installation installation, DataCentre dataCentre) {
        dataCentre(installation, dataCentre).forEach(RapHost::stop);
    }

    public void startDataCentre(Installation installation, DataCentre dataCentre) {
        dataCentre(installation, dataCentre).forEach(RapHost::start);
    }

    /**
     * Practice mode: the secondary data centre of both installations serves only the practice copies of
     * {@code businessDate}'s reports (the circular: only the previous business day's reports, Part 1 of the session),
     * under the same names as production; the primary goes on serving production. Returns the files written.
     */
    public List<Path> startPractice(LocalDate businessDate) {
        Path practiceRoot = config.dataDir().resolve("practice-tree");
        List<Path> written = generator.publishPractice(businessDate,
                account -> practiceRoot.resolve(account.installation().name()).resolve(account.user()));
        for (RapHost host : hosts.values()) {
            if (host.address().dataCentre() == DataCentre.SECONDARY) {
                host.serveFrom(practiceRoot.resolve(host.address().installation().name()));
            }
        }
        LOG.info("Practice mode: secondary hosts serve the practice copies of {}", businessDate);
        return written;
    }

    /** Ends practice mode: the secondary hosts serve production again (from the next login). */
    public void stopPractice() {
        hosts.values().forEach(h -> h.serveFrom(null));
        LOG.info("Practice mode ended: every host serves production");
    }

    /** Rotates one host's key; {@code known_hosts} is rewritten only when asked, so pinned clients keep the old key. */
    public void rotateHostKey(String hostName, boolean updateKnownHosts) {
        host(hostName).rotateHostKey();
        if (updateKnownHosts) {
            writeKnownHosts();
        }
    }

    /** Rewrites {@code known_hosts} with every host's current key, as an operator re-pinning after a key change. */
    public void refreshKnownHosts() {
        writeKnownHosts();
    }

    public ReportGenerator generator() {
        return generator;
    }

    public SftpOperationLog operations() {
        return operations;
    }

    public SimulatorConfig config() {
        return config;
    }

    /** What the account sees as its root folder. */
    public Path home(AccountConfig account) {
        return treeRoot(account.installation()).resolve(account.user());
    }

    public AccountConfig account(String user) {
        return config.accounts().stream()
                .filter(a -> a.user().equals(user))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("No account " + user));
    }

    /** The private key the simulator generated for an account without a registered key, if it did. */
    public Optional<Path> generatedPrivateKey(String user) {
        return Optional.ofNullable(generatedKeys.get(user));
    }

    /** An OpenSSH {@code known_hosts} file pinning all eight host keys at their current ports. */
    public Path knownHostsFile() {
        return config.dataDir().resolve("known_hosts");
    }

    @Override
    public void close() {
        generator.close();
        hosts.values().forEach(RapHost::stop);
    }

    private List<RapHost> dataCentre(Installation installation, DataCentre dataCentre) {
        return hosts.values().stream()
                .filter(h -> h.address().installation() == installation && h.address().dataCentre() == dataCentre)
                .toList();
    }

    private Path treeRoot(Installation installation) {
        return config.dataDir().resolve("tree").resolve(installation.name());
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeKnownHosts() {
        StringBuilder lines = new StringBuilder();
        hosts.values().forEach(h -> lines.append(h.knownHostsLine()));
        try {
            Path temp = Files.createTempFile(config.dataDir(), "known_hosts", ".tmp");
            Files.writeString(temp, lines);
            Files.move(temp, knownHostsFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
