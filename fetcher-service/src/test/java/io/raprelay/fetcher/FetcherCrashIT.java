package io.raprelay.fetcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.fetcher.archive.ReportArchive;
import io.raprelay.fetcher.support.EventCollector;
import io.raprelay.fetcher.support.RapSimulatorTestResource;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.simulator.SimulatorConfig;
import io.raprelay.testing.kafka.KafkaBroker;
import io.raprelay.testing.net.LoopbackPorts;
import io.raprelay.testing.oidc.TestTokens;
import io.restassured.http.ContentType;

/**
 * Crashes in the middle of a burst, with the packaged fetcher running as its own process: killed with SIGKILL, then
 * the broker stopped while a report is archived but not yet acknowledged. Afterwards every file is in the archive
 * with its checksum and on Kafka at least once, no report id is missing, and a repeated event is the same event.
 */
class FetcherCrashIT {

    private static final String USER = "rapb01234";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path FETCHER_JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    /** The fetcher processes' logs, kept after the run. */
    private static final Path LOGS = Path.of("target/fetcher-crash-it");

    @TempDir
    Path dir;

    private KafkaBroker broker;
    private RapSimulator simulator;
    private EventCollector events;
    private final List<Process> fetchers = new ArrayList<>();

    @BeforeEach
    void startBrokerAndSimulator() {
        broker = KafkaBroker.onFreePorts().start();
        simulator = RapSimulator.start(SimulatorConfig.forTests(dir.resolve("simulator")));
        events = new EventCollector(broker.bootstrapServers());
    }

    @AfterEach
    void stopAll() {
        fetchers.forEach(Process::destroyForcibly);
        events.close();
        simulator.close();
        broker.close();
    }

    @Test
    void killedFetcherAndStoppedBrokerLoseNoReport() throws Exception {
        Process fetcher = startFetcher(1);
        Map<String, String> burst = publishBurst("20250801", 120, 1);
        await().atMost(WAIT).until(() -> arrived(burst.keySet()).size() >= 15);
        fetcher.destroyForcibly().waitFor();
        assertThat(published(burst.keySet())).as("killed in the middle of the burst").hasSizeLessThan(burst.size());

        startFetcher(2);
        await().atMost(WAIT).until(() -> arrived(burst.keySet()).containsAll(burst.keySet()));
        assertNothingLost(burst);

        Map<String, String> second = publishBurst("20250802", 60, 2);
        // Stop the broker while a report is archived and its ReportArrived not yet acknowledged.
        await().atMost(WAIT).until(() -> !arrived(second.keySet()).isEmpty());
        broker.stop();
        await().atMost(WAIT).until(() -> archivedButNotPublished(second.keySet()));
        broker.start();
        await().atMost(WAIT).until(() -> arrived(second.keySet()).containsAll(second.keySet()));
        assertNothingLost(second);
    }

    @Test
    void aSecondFetcherOnTheSameArchiveStopsAtStartAndTheFirstGoesOn() throws Exception {
        startFetcher(1);
        Map<String, String> first = publishBurst("20250803", 5, 3);
        await().atMost(WAIT).until(() -> arrived(first.keySet()).containsAll(first.keySet()));

        Process second = startFetcher(2);
        assertThat(second.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("the second fetcher stops").isTrue();
        assertThat(second.exitValue()).isNotZero();
        assertThat(Files.readString(LOGS.resolve("fetcher-2.log"))).contains("is in use by another fetcher");

        fetchers.remove(second);
        Map<String, String> next = publishBurst("20250804", 5, 4);
        await().atMost(WAIT).until(() -> arrived(next.keySet()).containsAll(next.keySet()));
        assertNothingLost(next);
    }

    /** Every file: archived whole with its checksum, published at least once; repeats are the same event. */
    @Test
    void aSwitchRequestedWhileTheBrokerIsDownChangesNothingAndSucceedsWhenRetried() throws Exception {
        OidcWiremockTestResource oidc = new OidcWiremockTestResource();
        String oidcUrl = oidc.start().get("keycloak.url") + "/realms/quarkus/";
        try {
            int port = LoopbackPorts.reserve();
            startFetcher(1, Map.of("quarkus.http.port", String.valueOf(port), "quarkus.oidc.auth-server-url", oidcUrl,
                    "quarkus.oidc.client-id", "quarkus-service-app"));
            String operator = TestTokens.of("oscar", "operator");
            await().atMost(WAIT).ignoreExceptionsInstanceOf(java.net.ConnectException.class)
                    .untilAsserted(() -> given().port(port).auth().oauth2(operator).get("/api/sites/HKSCC").then()
                            .statusCode(200));

            broker.stop();
            given().port(port).auth().oauth2(operator).contentType(ContentType.JSON)
                    .body("{\"target\": \"SECONDARY\", \"reason\": \"drill\"}")
                    .post("/api/sites/HKSCC/data-centre").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "30")
                    .body("detail", containsString("NOT switched"));
            given().port(port).auth().oauth2(operator).get("/api/sites/HKSCC").then().statusCode(200)
                    .body("activeDataCentre", equalTo("PRIMARY"));

            broker.start();
            await().atMost(WAIT).untilAsserted(() -> given().port(port).auth().oauth2(operator)
                    .contentType(ContentType.JSON).body("{\"target\": \"SECONDARY\", \"reason\": \"drill\"}")
                    .post("/api/sites/HKSCC/data-centre").then().statusCode(200)
                    .body("activeDataCentre", equalTo("SECONDARY")));
            await().atMost(WAIT).until(() -> events.events(DataCentreSwitched.class).size() == 1);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> events.events(DataCentreSwitched.class).size() == 1);
            assertThat(events.events(DataCentreSwitched.class).get(0).to()).isEqualTo(DataCentre.SECONDARY);
        } finally {
            oidc.stop();
        }
    }

    private void assertNothingLost(Map<String, String> sha256ByPath) throws IOException {
        Map<String, List<ReportArrived>> byPath = events.events(ReportArrived.class).stream()
                .filter(r -> sha256ByPath.containsKey(r.remotePath()))
                .collect(Collectors.groupingBy(ReportArrived::remotePath));
        assertThat(byPath.keySet()).containsExactlyInAnyOrderElementsOf(sha256ByPath.keySet());
        for (var entry : byPath.entrySet()) {
            List<ReportArrived> published = entry.getValue();
            ReportArrived first = published.get(0);
            assertThat(first.sha256()).as(entry.getKey()).isEqualTo(sha256ByPath.get(entry.getKey()));
            assertThat(published).as("a repeat after a crash is the same report and the same event")
                    .allSatisfy(r -> {
                        assertThat(r.reportId()).isEqualTo(first.reportId());
                        assertThat(r.eventId()).isEqualTo(first.eventId());
                        assertThat(r.sha256()).isEqualTo(first.sha256());
                    });
            Path archived = Path.of(URI.create(first.archiveLocation()));
            assertThat(ReportArchive.sha256Of(archived)).as(archived.toString()).isEqualTo(first.sha256());
        }
        try (Stream<Path> files = Files.walk(dir.resolve("fetcher"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")))
                    .as("unfinished writes are cleaned up").isEmpty();
        }
    }

    private Set<String> arrived(Set<String> paths) throws IOException {
        assertFetcherRunning();
        return published(paths);
    }

    /** A fetcher that died on its own fails the test with its log, not with a timeout. */
    private void assertFetcherRunning() throws IOException {
        Process current = fetchers.get(fetchers.size() - 1);
        if (!current.isAlive()) {
            throw new AssertionError("The fetcher exited with " + current.exitValue() + ":\n"
                    + Files.readString(LOGS.resolve("fetcher-" + fetchers.size() + ".log")));
        }
    }

    private Set<String> published(Set<String> paths) {
        return events.events(ReportArrived.class).stream().map(ReportArrived::remotePath).filter(paths::contains)
                .collect(Collectors.toSet());
    }

    private boolean archivedButNotPublished(Set<String> paths) throws IOException {
        Set<String> published = arrived(paths);
        Path archive = dir.resolve("fetcher/archive/HKSCC").resolve(USER);
        try (Stream<Path> files = Files.walk(archive)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .anyMatch(name -> paths.stream().anyMatch(
                            path -> path.endsWith("/" + name) && !published.contains(path)));
        }
    }

    /**
     * Random files of 100 KB to 3 MB appear at once in the account's inbox (written aside, then moved in).
     *
     * @return SHA-256 by remote path
     */
    private Map<String, String> publishBurst(String day, int count, long seed) throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging").resolve(day));
        Random random = new Random(seed);
        Map<String, String> sha256ByPath = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = "CSEMA08_B01234_%s_%03d.txt".formatted(day, i);
            byte[] content = new byte[100_000 + random.nextInt(2_900_000)];
            random.nextBytes(content);
            Path file = Files.write(staging.resolve(name), content);
            sha256ByPath.put("INBOX/" + day + "/" + name, ReportArchive.sha256Of(file));
        }
        Path inbox = simulator.home(simulator.account(USER)).resolve("INBOX");
        Files.move(staging, Files.createDirectories(inbox).resolve(day));
        return sha256ByPath;
    }

    private Process startFetcher(int run) throws IOException {
        // The API is not used here; no token server runs (tokens would be refused, polling is unaffected).
        return startFetcher(run, Map.of("quarkus.http.port", "0", "quarkus.oidc.auth-server-url",
                "http://127.0.0.1:9/realms/none"));
    }

    private Process startFetcher(int run, Map<String, String> settings) throws IOException {
        assertThat(FETCHER_JAR).as("the packaged fetcher (mvn package)").exists();
        Map<String, String> config = new HashMap<>(
                RapSimulatorTestResource.fetcherConfig(simulator, dir.resolve("fetcher")));
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("quarkus.management.port", "0");
        config.put("kafka.security.protocol", "PLAINTEXT"); // the test broker is open (prod default: SASL_SSL)
        config.putAll(settings);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", FETCHER_JAR.toAbsolutePath().toString()));
        Path log = Files.createDirectories(LOGS).resolve("fetcher-" + run + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        fetchers.add(process);
        return process;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
