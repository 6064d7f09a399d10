package io.raprelay.fetcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.Topics;
import io.raprelay.fetcher.practice.PracticeCalendar;
import io.raprelay.fetcher.support.EventCollector;
import io.raprelay.fetcher.support.InjectRapSimulator;
import io.raprelay.fetcher.support.PracticeSchedules;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.oidc.TestTokens;
import io.restassured.http.ContentType;

/**
 * A practice day as the fetcher lives it: it learns the session from the notifier's schedule topic; a file fetched
 * from the secondary data centre that day is a practice download (own key, own report id, own archive tree), even
 * under the name of a production report already fetched from the primary; once the session is withdrawn, nothing is
 * practice any more.
 */
@QuarkusTest
@Order(4)
class PracticeDownloadTest {

    /** The management interface (its own port), ending in {@code /q/}. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    static final Duration WAIT = Duration.ofSeconds(30);
    static EventCollector events;

    @InjectKafka
    String bootstrapServers;
    @InjectRapSimulator
    RapSimulator simulator;
    @Inject
    PracticeCalendar calendar;

    @AfterAll
    static void close() {
        if (events != null) {
            events.close();
        }
    }

    @Test
    void aFileFromTheSecondaryOnTheSessionDayIsAPracticeDownloadNeverAVersionOfProduction() throws Exception {
        Instant now = Instant.now();
        String sessionId = "drill-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = now.atZone(ZoneId.of("Asia/Hong_Kong")).toLocalDate();
        List<PracticeSessionConfigured.Part> parts = List.of(
                new PracticeSessionConfigured.Part("Part 1: download from the secondary data centre",
                        now.minusSeconds(3600), now.plusSeconds(3600), DataCentre.SECONDARY),
                new PracticeSessionConfigured.Part("Part 2: log in on the primary data centre",
                        now.plusSeconds(7200), now.plusSeconds(9000), DataCentre.PRIMARY));
        schedule(new PracticeSessionConfigured(UUID.randomUUID().toString(), now, sessionId, today, 1, parts, false,
                "alice", null));
        await().atMost(WAIT).until(() -> calendar.sessionAt(Instant.now(), DataCentre.SECONDARY).isPresent());
        given().when().get(management + "health/ready").then().body(
                "checks.find { it.name == 'practice-schedule' }.status",
                equalTo("UP"));

        // On the primary, outside Part 2: production.
        String path = "INBOX/20250620/CCLTN05_B01234_20250620.txt";
        simulator.generator().publishZeroByte("rapb01234", path);
        ReportArrived production = arrived(path, false);
        assertThat(production.practiceSessionId()).isNull();
        assertThat(production.reportKey()).isEqualTo("HKSCC/rapb01234/" + path);

        switchTo("SECONDARY");
        try {
            // The same file, read from the secondary: a practice download of its own.
            ReportArrived practice = arrived(path, true);
            assertThat(practice.practiceSessionId()).isEqualTo(sessionId);
            assertThat(practice.reportKey()).isEqualTo("practice/" + sessionId + "/HKSCC/rapb01234/" + path);
            assertThat(practice.reportId()).isNotEqualTo(production.reportId());
            assertThat(practice.dataCentre()).isEqualTo(DataCentre.SECONDARY);
            assertThat(Path.of(URI.create(practice.archiveLocation())).toString())
                    .contains("/practice/" + sessionId + "/HKSCC/rapb01234/");
            assertThat(production.archiveLocation()).doesNotContain("/practice/");

            // Withdrawn (HKEX cancelled it): what the secondary serves now is no longer marked practice.
            schedule(new PracticeSessionConfigured(UUID.randomUUID().toString(), Instant.now(), sessionId, today, 2,
                    parts, true, "alice", "HKEX cancelled the session"));
            await().atMost(WAIT).until(() -> calendar.sessionAt(Instant.now(), DataCentre.SECONDARY).isEmpty());
            String later = "INBOX/20250620/CCLTN06_B01234_20250620.txt";
            simulator.generator().publishZeroByte("rapb01234", later);
            ReportArrived afterWithdrawal = arrived(later, false);
            assertThat(afterWithdrawal.dataCentre()).isEqualTo(DataCentre.SECONDARY);
            assertThat(afterWithdrawal.reportKey()).isEqualTo("HKSCC/rapb01234/" + later);
        } finally {
            switchTo("PRIMARY");
        }
    }

    @Test
    void anUnreadableScheduleRecordIsDeadLetteredAndAlertedAndTheScheduleGoesOn() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.PRACTICE_SCHEDULE, "broken",
                    "{\"sessionId\": 42".getBytes(StandardCharsets.UTF_8));
            poison.headers().add("ce_type", "rap.practice-session.configured.v1".getBytes(StandardCharsets.UTF_8));
            producer.send(poison).get();
        }
        String later = "after-poison-" + UUID.randomUUID().toString().substring(0, 8);
        PracticeSchedules.publish(bootstrapServers, new PracticeSessionConfigured(UUID.randomUUID().toString(),
                Instant.now(), later, LocalDate.of(2031, 6, 21), 1, List.of(new PracticeSessionConfigured.Part(
                        "Part 1", Instant.parse("2031-06-21T06:00:00Z"), Instant.parse("2031-06-21T08:00:00Z"),
                        DataCentre.SECONDARY)),
                false, "alice", null));
        await().atMost(WAIT).until(() -> calendar.sessions().stream().anyMatch(s -> s.sessionId().equals(later)));

        List<ConsumerRecord<String, byte[]>> deadLetters = read(Topics.deadLetter(Topics.PRACTICE_SCHEDULE,
                "fetcher"), r -> "broken".equals(r.key()));
        assertThat(new String(deadLetters.get(0).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).isNotBlank();
        List<ConsumerRecord<String, byte[]>> alerts = read(Topics.DEAD_LETTER_ALERTS, r -> new String(r.value(),
                StandardCharsets.UTF_8).contains(Topics.deadLetter(Topics.PRACTICE_SCHEDULE, "fetcher")));
        assertThat(new String(alerts.get(0).value(), StandardCharsets.UTF_8)).contains("\"service\":\"fetcher\"");
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (wanted.test(r)) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found;
    }

    private ReportArrived arrived(String path, boolean practice) {
        return await().atMost(WAIT).until(() -> events().events(ReportArrived.class).stream()
                .filter(r -> r.remotePath().equals(path) && r.practiceSession() == practice).findFirst(),
                Optional::isPresent).get();
    }

    private void schedule(PracticeSessionConfigured session) throws Exception {
        PracticeSchedules.publish(bootstrapServers, session);
    }

    private static void switchTo(String target) {
        given().auth().oauth2(TestTokens.of("alice", "operator"))
                .contentType(ContentType.JSON)
                .body("{\"target\":\"" + target + "\",\"reason\":\"practice session\"}")
                .when().post("/api/sites/HKSCC/data-centre").then().statusCode(200);
    }

    private EventCollector events() {
        if (events == null) {
            events = new EventCollector(bootstrapServers);
        }
        return events;
    }
}
