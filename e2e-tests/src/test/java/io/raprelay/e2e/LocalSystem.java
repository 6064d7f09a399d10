package io.raprelay.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.restassured.specification.RequestSpecification;

/**
 * The whole system as a user starts it: {@code deploy/local/run.sh}, each part its own process, on ports of its own
 * (so a local run on the default ports can go on beside the tests) and state in {@code target/work}. Single parts are
 * stopped, killed and started with {@code deploy/local/components.sh}, as an operator would in a drill.
 */
final class LocalSystem implements AutoCloseable {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String OPS_EMAIL = "ops@participant.example";
    static final String OPS_MOBILE = "+85291234567";
    /** The production realm template, imported beside the demo realm under this name to show that it loads. */
    static final String PRODUCTION_CHECK_REALM = "rap-relay-production-check";

    final Path work = Path.of("target/work").toAbsolutePath();
    private final Path runLog = Path.of("target/run.log").toAbsolutePath();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private Process run;

    LocalSystem(String catalogDb, String notifierDb) {
        env.put("RAPRELAY_WORK", work.toString());
        env.put("KAFKA_PORT", "29092");
        env.put("SIMULATOR_BASE_PORT", "28801");
        env.put("SIMULATOR_ADMIN_PORT", "28900");
        env.put("SIMULATOR_RELEASE_INTERVAL", "PT5S");
        env.put("SMTP_PORT", "22525");
        env.put("OUTBOX_PORT", "28025");
        env.put("WARNSUM_PORT", "28191");
        env.put("KEYCLOAK_PORT", "28180");
        env.put("KEYCLOAK_MANAGEMENT_PORT", "28181");
        env.put("FETCHER_PORT", "28081");
        env.put("CATALOG_PORT", "28082");
        env.put("NOTIFIER_PORT", "28083");
        env.put("FETCHER_MANAGEMENT_PORT", "29081");
        env.put("CATALOG_MANAGEMENT_PORT", "29082");
        env.put("NOTIFIER_MANAGEMENT_PORT", "29083");
        env.put("S3_PORT", "28300");
        // Every service exports its spans to the suite's own collector (WholeSystem.traces()).
        env.put("TRACES_PORT", "28318");
        env.put("TRACES_DISABLED", "false");
        env.put("TRACES_ENDPOINT", "http://127.0.0.1:28318");
        // The suite's variant with the archive in a bucket: ARCHIVE_STORE=s3 ./mvnw verify -pl e2e-tests ...
        env.put("ARCHIVE_STORE", Objects.requireNonNullElse(System.getenv("ARCHIVE_STORE"), "file"));
        env.put("FETCHER_POLL_INTERVAL", "2s");
        env.put("DIGEST_WINDOW", "30s");
        // An outage's FetchFailed repeats (and is sent again) every few seconds, and escalations are looked at every 2
        // s:
        // FaultSuiteIT sees a failure repeat until acknowledged, and an unacknowledged one escalate, in seconds.
        env.put("FETCHER_FAILURE_REPEAT", "4s");
        env.put("NOTIFIER_REPEAT_INTERVAL", "4s");
        env.put("NOTIFIER_ESCALATION_CHECK", "2s");
        // A download or listing that hangs on RAP is cut after 10 s (30 s by default): the fault suite's hung hosts.
        env.put("FETCHER_READ_TIMEOUT", "10s");
        env.put("CATALOG_OVERDUE_CHECK", "5s");
        env.put("CATALOG_BUSINESS_DAY_CHECK", "5s");
        env.put("CATALOG_DB", catalogDb);
        env.put("NOTIFIER_DB", notifierDb);
        env.put("KEYCLOAK_EXTRA_IMPORT", work.resolveSibling(PRODUCTION_CHECK_REALM + ".json").toString());
    }

    /** A step run on the fresh work folder before run.sh starts: given the fetcher's archive root. */
    @FunctionalInterface
    interface Preparation {
        void prepare(Path archiveRoot) throws IOException;
    }

    void start(Preparation preparation) throws IOException {
        ArchiveMount.unmount(work.resolve("fetcher/archive")); // left mounted by an interrupted run
        cleanWork();
        Files.writeString(Path.of(env.get("KEYCLOAK_EXTRA_IMPORT")), Files.readString(
                ROOT.resolve("deploy/keycloak/rap-relay-realm.production.json"))
                .replace("\"realm\": \"rap-relay\"", "\"realm\": \"" + PRODUCTION_CHECK_REALM + "\"")
                // The check talks plain HTTP on loopback; the template itself requires TLS for every request.
                .replace("\"sslRequired\": \"all\"", "\"sslRequired\": \"external\""));
        preparation.prepare(work.resolve("fetcher/archive"));
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("deploy/local/run.sh").toString())
                .redirectErrorStream(true).redirectOutput(runLog.toFile());
        builder.environment().putAll(env);
        run = builder.start();
        // The first run of a fresh clone unpacks and builds Keycloak too.
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!run.isAlive()) {
                throw new AssertionError("run.sh exited with " + run.exitValue() + ":\n" + Files.readString(runLog));
            }
            return Files.readString(runLog).contains("RAP Relay is up");
        });
    }

    /** A fresh state for each run (broker, simulator, archive, mail), keeping the unpacked and built Keycloak. */
    private void cleanWork() throws IOException {
        Files.createDirectories(work);
        try (Stream<Path> entries = Files.list(work)) {
            for (Path entry : entries.filter(p -> !p.getFileName().toString().startsWith("keycloak-")).toList()) {
                try (Stream<Path> tree = Files.walk(entry)) {
                    for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    /** The start-up lines of run.sh: each part's time to healthy and the total. */
    List<String> startupReport() throws IOException {
        return Files.readAllLines(runLog).stream().filter(l -> l.contains("healthy after") || l.contains("is up in"))
                .toList();
    }

    int port(String variable) {
        return Integer.parseInt(env.get(variable));
    }

    String url(String portVariable) {
        return "http://127.0.0.1:" + port(portVariable);
    }

    /** {@code components.sh <action> <part>}, with extra environment for this call (a part's own options). */
    int component(String action, String part, Map<String, String> extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("deploy/local/components.sh").toString(), action,
                part));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runLog.toFile()));
        builder.environment().putAll(env);
        builder.environment().putAll(extra);
        return builder.start().waitFor();
    }

    int component(String action, String part) throws IOException, InterruptedException {
        return component(action, part, Map.of());
    }

    boolean healthy(String part) throws IOException, InterruptedException {
        return component("healthy", part) == 0;
    }

    /** A part that was started anew: wait until it is healthy. */
    void restart(String part, Map<String, String> extra) throws IOException, InterruptedException {
        component("stop", part);
        component("start", part, extra);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> healthy(part));
    }

    /**
     * A bearer token from the local Keycloak (sample users: password = user name), asked for again when it is older
     * than five minutes (the realm's tokens live fifteen), not for every call of a polling wait.
     */
    String token(String user) {
        Token cached = tokens.get(user);
        if (cached == null || cached.issued().isBefore(Instant.now().minus(Duration.ofMinutes(5)))) {
            cached = new Token(given().formParam("grant_type", "password").formParam("client_id", "rap-relay-cli")
                    .formParam("username", user).formParam("password", user)
                    .post(url("KEYCLOAK_PORT") + "/realms/rap-relay/protocol/openid-connect/token").then()
                    .statusCode(200).extract().path("access_token"), Instant.now());
            tokens.put(user, cached);
        }
        return cached.value();
    }

    /**
     * A Kafka client's settings for the local broker as one of its users (TLS trusting the broker's own CA, SCRAM; the
     * local run's passwords are {@code local-only-<user>}; {@code admin} is the super user).
     */
    Map<String, Object> kafka(String user) {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put("bootstrap.servers", "127.0.0.1:" + port("KAFKA_PORT"));
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"local-only-" + user + "\";");
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.location", work.resolve("kafka/tls/ca.pem").toString());
        return config;
    }

    /** A token of the demo realm's downstream client (client credentials). */
    String downstreamToken() {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", "rap-relay-downstream")
                .formParam("client_secret", "local-only-downstream-secret")
                .post(url("KEYCLOAK_PORT") + "/realms/rap-relay/protocol/openid-connect/token").then()
                .statusCode(200).extract().path("access_token");
    }

    private record Token(String value, Instant issued) {
    }

    RequestSpecification as(String user, String portVariable) {
        return given().baseUri(url(portVariable)).auth().oauth2(token(user)).contentType("application/json");
    }

    /** Stops the whole system as Ctrl-C does (run.sh traps INT and TERM alike); true when no part is left. */
    boolean stop() throws InterruptedException, IOException {
        if (run == null) {
            return true;
        }
        run.destroy();
        run.waitFor();
        try (var pids = Files.list(work.resolve("pids"))) {
            return pids.findAny().isEmpty();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
