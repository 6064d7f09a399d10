package io.raprelay.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import io.raprelay.simulator.admin.AdminApi;
import io.raprelay.simulator.host.RapHost;

/**
 * Runs the simulator on its own:
 * {@code java [-Dsimulator.key=value] -jar rap-simulator-runner.jar [config.properties]}.
 * Settings not given take the defaults shipped in the jar ({@code rap-simulator.properties}): ports 18801-18808, admin
 * API on 18900, data under {@code work/rap-simulator}. Publishes the previous weekday's reports at start, then keeps
 * releasing today's on the configured interval. Stops on Ctrl-C.
 */
public final class RapSimulatorMain {

    private RapSimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        SimulatorConfig config = SimulatorConfig.from(settings(args), baseDir(args));
        RapSimulator simulator = RapSimulator.start(config);
        AdminApi admin = config.adminPort() >= 0
                ? new AdminApi(simulator, config.bindAddress(), config.adminPort())
                : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (admin != null) {
                admin.close();
            }
            simulator.close();
            stopped.countDown();
        }, "rap-simulator-shutdown"));

        LocalDate firstDay = previousWeekday(LocalDate.now(ZoneId.of("Asia/Hong_Kong")));
        simulator.generator().publishDay(firstDay);
        if (config.releaseInterval() != null) {
            simulator.generator().startSchedule(LocalDate.now(ZoneId.of("Asia/Hong_Kong")), config.releaseInterval());
        }
        System.out.printf("RAP simulator ready in %d ms; data in %s%n", (System.nanoTime() - started) / 1_000_000,
                config.dataDir());
        for (RapHost host : simulator.hosts()) {
            System.out.printf("  %-22s sftp://%s:%d%n", host.name(), config.bindAddress(), host.port());
        }
        System.out.printf("  known_hosts: %s%n", simulator.knownHostsFile());
        config.accounts().forEach(a -> System.out.printf("  account %-12s %-10s %-6s key %s%n", a.user(),
                a.installation(), a.clearingHouse(), simulator.generatedPrivateKey(a.user())
                        .map(Path::toString).orElse("(registered: " + a.authorizedKeys() + ")")));
        if (admin != null) {
            System.out.printf("  admin API: http://%s:%d/api/hosts%n", config.bindAddress(), admin.port());
        }
        // The SSH server threads are daemons: keep the JVM up until it is told to stop.
        stopped.await();
    }

    /** The shipped defaults, then the config file if given, then {@code -Dsimulator.*} system properties. */
    private static Properties settings(String[] args) throws IOException {
        Properties props = new Properties();
        try (InputStream in = RapSimulatorMain.class.getClassLoader().getResourceAsStream("rap-simulator.properties")) {
            props.load(in);
        }
        if (args.length > 0) {
            try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
                props.load(reader);
            }
        }
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("simulator."))
                .forEach(key -> props.setProperty(key, System.getProperty(key)));
        return props;
    }

    /** Relative paths in the settings resolve against the config file's folder, else the working directory. */
    private static Path baseDir(String[] args) {
        return args.length > 0 ? Path.of(args[0]).toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
    }

    static LocalDate previousWeekday(LocalDate date) {
        LocalDate day = date.minusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(1);
        }
        return day;
    }
}
