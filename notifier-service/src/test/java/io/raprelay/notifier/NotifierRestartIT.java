package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.contracts.PracticeSessionStatusChanged;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RapEventDeserializer;
import io.raprelay.contracts.Topics;
import io.raprelay.notifier.support.Mailbox;
import io.raprelay.notifier.support.SmsGatewayStub;
import io.raprelay.testing.kafka.KafkaBroker;
import io.raprelay.testing.net.LoopbackPorts;
import io.raprelay.testing.oidc.TestTokens;
import io.raprelay.testing.postgres.PostgresServer;
import io.raprelay.testing.weather.WarnsumSimulator;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A practice-session day played by the packaged notifier as its own process, restarted twice in the middle: killed
 * (SIGKILL) after the morning notices, started again after a No. 8 signal was issued during part 1 while the SMTP
 * server is down, killed again with the termination's emails still pending, and started a third time with SMTP back.
 * Each notice reaches the session's contact once by email and once by SMS, each status change is published once, and
 * the decision (TERMINATED, effective 15 minutes after the signal) survives the restarts.
 * <p>
 * The processes run on {@code notifier.clock-starts-at}, so the day's times do not depend on when the test runs.
 */
class NotifierRestartIT {

    private static final Path NOTIFIER_JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    /** The notifier processes' logs, kept after the run. */
    private static final Path LOGS = Path.of("target/notifier-restart-it");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String DAY = "2032-06-19";
    private static final String SESSION = DAY + "-drill";
    private static final String EMAIL = "mei@restart.example";
    private static final String MOBILE = "+85291230021";

    private static final String DECISION = "PROCEEDING (09:00 decision)";
    private static final String STATUS = "PROCEEDING (status two hours before the start)";
    private static final String PROMPT = "PROCEEDING (switch data centre for the next part)";
    private static final String TERMINATION = "TERMINATED (terminated at " + DAY + " 14:35 HKT)";
    private static final String REMINDER = "TERMINATED (back to the primary data centre)";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostgresServer postgres = PostgresServer.fromEnvironment();
    private final OidcWiremockTestResource oidc = new OidcWiremockTestResource();
    private final List<Process> notifiers = new ArrayList<>();
    private KafkaBroker broker;
    private String database;
    private String oidcUrl;
    private WarnsumSimulator warnsum;
    private SmsGatewayStub sms;
    private int smtpPort;
    private int httpPort;
    private int managementPort;

    @BeforeEach
    void startComponents() throws IOException {
        broker = KafkaBroker.onFreePorts().start();
        database = postgres.createDatabase("notifier_restart");
        oidcUrl = oidc.start().get("keycloak.url") + "/realms/quarkus/";
        warnsum = new WarnsumSimulator(0, Clock.systemUTC());
        warnsum.serve("{}");
        sms = SmsGatewayStub.start();
        int[] ports = LoopbackPorts.reserve(3);
        smtpPort = ports[0];
        httpPort = ports[1];
        managementPort = ports[2];
    }

    @AfterEach
    void stopComponents() {
        notifiers.forEach(Process::destroyForcibly);
        sms.stop();
        warnsum.close();
        oidc.stop();
        broker.close();
        postgres.dropDatabase(database);
    }

    @Test
    void restartsInTheMiddleOfASessionSendNothingTwiceAndLoseNoDecision() throws Exception {
        // 13:58, before part 1: the 09:00 decision and the 12:00 status are due, both "goes ahead", and the prompt to
        // switch to the secondary for part 1 (due at 13:50, of use until 14:00).
        GreenMail morningSmtp = smtp();
        startNotifier(1, "13:58");
        long contact = api()
                .body("""
                        {"name": "Mei Chan", "email": "%s", "mobile": "%s", "language": "en", "installations": ["HKSCC"],
                         "subscriptions": [{"eventTypes": ["rap.fetch.failed.v1"], "minSeverity": "ERROR", "channels": ["EMAIL"]}]}"""
                        .formatted(EMAIL, MOBILE))
                .when().post("/api/contacts").then().statusCode(201).extract()
                .<Integer>path("id");
        api().body("""
                {"id": "%s", "date": "%s", "hotline": "CCASS Hotline 2979 7111", "contactIds": [%d],
                 "parts": [{"name": "Part 1", "start": "14:00", "end": "16:00", "dataCentre": "SECONDARY"},
                           {"name": "Part 2", "start": "18:00", "end": "19:00", "dataCentre": "PRIMARY"}]}"""
                .formatted(SESSION, DAY, contact)).when().post("/api/practice-sessions").then().statusCode(201);
        await().atMost(WAIT).until(() -> running()
                && subjects(morningSmtp).containsAll(List.of(DECISION, STATUS, PROMPT))
                && smsTexts().containsAll(List.of(DECISION, STATUS, PROMPT))
                && "PROCEEDING".equals(sessionStatus()));
        notifiers.get(0).destroyForcibly().waitFor();
        List<String> emails = new ArrayList<>(subjects(morningSmtp));

        // No. 8 issued at 14:20, during part 1; the SMTP server is down when the notifier comes back at 14:40.
        morningSmtp.stop();
        warnsum.serve("""
                {"WTCSGNL": {"name": "Tropical Cyclone Warning Signal", "code": "TC8NE", "actionCode": "ISSUE",
                             "issueTime": "%1$sT14:20:00+08:00", "updateTime": "%1$sT14:20:00+08:00"}}"""
                .formatted(DAY));
        startNotifier(2, "14:40");
        await().atMost(WAIT).until(() -> running()
                && smsTexts().containsAll(List.of(TERMINATION, REMINDER))
                && "TERMINATED".equals(sessionStatus())
                && failedEmails(contact) >= 2);
        notifiers.get(1).destroyForcibly().waitFor();

        // SMTP is back; a third start delivers the pending emails and nothing else.
        GreenMail afternoonSmtp = smtp();
        try {
            startNotifier(3, "14:50");
            await().atMost(WAIT).until(() -> running()
                    && subjects(afternoonSmtp).containsAll(List.of(TERMINATION, REMINDER)));
            // The third process has run its checks, polls and retry sweeps for a while: still nothing new.
            await().during(Duration.ofSeconds(6)).atMost(WAIT)
                    .until(() -> running() && subjects(afternoonSmtp).size() == 2 && smsTexts().size() == 5);

            emails.addAll(subjects(afternoonSmtp));
            assertThat(emails).as("each notice emailed once across three processes")
                    .containsExactlyInAnyOrder(DECISION, STATUS, PROMPT, TERMINATION, REMINDER);
            assertThat(smsTexts()).as("each notice sent by SMS once")
                    .containsExactlyInAnyOrder(DECISION, STATUS, PROMPT, TERMINATION, REMINDER);
            assertThat(statusChanges()).as("each change published once")
                    .extracting(PracticeSessionStatusChanged::status, PracticeSessionStatusChanged::rule)
                    .containsExactly(
                            tuple(PracticeSessionStatus.PROCEEDING, null),
                            tuple(PracticeSessionStatus.TERMINATED,
                                    "RULE_2_TERMINATE"));
            assertThat(sessionStatus()).as("the decision survives the restarts").isEqualTo("TERMINATED");
            List<Map<String, Object>> terminationEmail = api().queryParam("contactId", contact)
                    .when().get("/api/deliveries").then().statusCode(200).extract().jsonPath()
                    .<Map<String, Object>>getList("findAll { it.channel == 'EMAIL' && it.subject.contains('"
                            + "terminated at') }");
            assertThat(terminationEmail).hasSize(1);
            assertThat(terminationEmail.get(0)).containsEntry("status", "SENT");
            assertThat(terminationEmail.get(0).get("deliveryAttempts").toString())
                    .as("the delivery log keeps the failed attempts of the killed process").contains("FAILED")
                    .contains("SENT");
            for (int run = 1; run <= notifiers.size(); run++) {
                assertThat(Files.readAllLines(LOGS.resolve("notifier-" + run + ".log")))
                        .as("notifier %d logged no error (a scheduled run before the emitters were connected did)", run)
                        .noneMatch(line -> line.contains(" ERROR ["));
            }
        } finally {
            afternoonSmtp.stop();
        }
    }

    private GreenMail smtp() {
        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    private static List<String> subjects(GreenMail greenMail) {
        return Mailbox.to(greenMail, EMAIL, SESSION).stream().map(NotifierRestartIT::subject)
                .map(s -> s.substring(s.indexOf(": ") + 2)).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of each SMS to the contact, without the fixed prefix. */
    private List<String> smsTexts() {
        String prefix = "[RAP Relay] Practice session " + DAY + ": ";
        List<String> texts = new ArrayList<>();
        for (String body : sms.received()) {
            try {
                JsonNode message = JSON.readTree(body);
                if (message.path("to").asText().equals(MOBILE)) {
                    texts.add(message.path("text").asText().replace(prefix, ""));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }

    private long failedEmails(long contact) {
        List<String> outcomes = api().queryParam("contactId", contact).when().get("/api/deliveries").then()
                .statusCode(200).extract().jsonPath()
                .getList("findAll { it.channel == 'EMAIL' }.deliveryAttempts.flatten().outcome", String.class);
        return outcomes.stream().filter("FAILED"::equals).count();
    }

    private String sessionStatus() {
        return api().when().get("/api/practice-sessions").then().statusCode(200).extract().jsonPath()
                .getString("find { it.id == '" + SESSION + "' }.status");
    }

    private List<PracticeSessionStatusChanged> statusChanges() {
        List<PracticeSessionStatusChanged> changes = new ArrayList<>();
        try (KafkaConsumer<String, RapEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new RapEventDeserializer())) {
            consumer.subscribe(List.of(Topics.PRACTICE_SESSIONS));
            // Read to the end: both changes, and then a quiet while in which a repeat would show.
            await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() instanceof PracticeSessionStatusChanged c && c.sessionId().equals(SESSION)) {
                        changes.add(c);
                    }
                });
                return changes.size() >= 2;
            });
        }
        return changes;
    }

    private RequestSpecification api() {
        return given().port(httpPort).contentType(ContentType.JSON).auth()
                .oauth2(TestTokens.of("alice", "operator"));
    }

    /** A notifier that died on its own fails the test with its log, not with a timeout. */
    private boolean running() throws IOException {
        Process current = notifiers.get(notifiers.size() - 1);
        if (!current.isAlive()) {
            throw new AssertionError("Notifier " + notifiers.size() + " exited with " + current.exitValue() + ":\n"
                    + Files.readString(LOGS.resolve("notifier-" + notifiers.size() + ".log")));
        }
        return true;
    }

    private void startNotifier(int run, String hongKongTime) throws IOException {
        assertThat(NOTIFIER_JAR).as("the packaged notifier (mvn package)").exists();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("notifier.clock-starts-at", DAY + "T" + hongKongTime + ":00+08:00");
        config.put("quarkus.http.port", String.valueOf(httpPort));
        config.put("quarkus.management.port", String.valueOf(managementPort));
        config.put("kafka.security.protocol", "PLAINTEXT"); // the test broker is open (prod default: SASL_SSL)
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(smtpPort));
        config.put("quarkus.mailer.start-tls", "DISABLED");
        config.put("notifier.delivery.send-timeout", "5s");
        config.put("notifier.sms.http.url", sms.url());
        config.put("notifier.sms.http.api-key", "restart-test");
        config.put("notifier.weather.url", warnsum.url());
        config.put("notifier.weather.poll-interval", "1s");
        config.put("notifier.practice.check", "1s");
        config.put("notifier.delivery.first-retry", "2s");
        config.put("notifier.delivery.retry-check", "1s");
        config.put("notifier.delivery.max-attempts", "10");
        config.put("quarkus.oidc.auth-server-url", oidcUrl);
        config.put("quarkus.oidc.client-id", "quarkus-service-app");
        config.put("notifier.acknowledgement.base-url", "http://127.0.0.1:" + httpPort);
        config.put("notifier.acknowledgement.link-secret", "restart-test-only-not-a-secret-0123456789");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", NOTIFIER_JAR.toAbsolutePath().toString()));
        Path log = Files.createDirectories(LOGS).resolve("notifier-" + run + ".log");
        notifiers.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        await().atMost(WAIT).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> running() && given().port(managementPort).get("/q/health/ready").statusCode() == 200);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
