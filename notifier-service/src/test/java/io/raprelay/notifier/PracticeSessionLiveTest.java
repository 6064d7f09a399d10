package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.contracts.PracticeSessionStatusChanged;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RapEventDeserializer;
import io.raprelay.contracts.Topics;
import io.raprelay.notifier.practice.PracticeSessionService;
import io.raprelay.notifier.support.InjectSmsGateway;
import io.raprelay.notifier.support.Mailbox;
import io.raprelay.notifier.support.SmsGatewayStub;
import io.raprelay.notifier.support.SmsGatewayStubResource;
import io.raprelay.notifier.support.WarnsumStub;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.mail.GreenMailTestResource;
import io.raprelay.testing.mail.InjectGreenMail;
import io.raprelay.testing.postgres.PostgresTestResource;
import io.restassured.http.ContentType;

import com.icegreen.greenmail.util.GreenMail;

/**
 * The live path of a practice-session day with a No. 8 signal during part 1: each notice once at its time, the
 * termination published on Kafka, and checks repeated (as after a restart) sending nothing twice.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "notifier"))
@QuarkusTestResource(GreenMailTestResource.class)
@QuarkusTestResource(SmsGatewayStubResource.class)
@QuarkusTestResource(WarnsumStub.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PracticeSessionLiveTest {

    private static final ZoneId HK = ZoneId.of("Asia/Hong_Kong");

    @Inject
    PracticeSessionService sessions;
    @InjectGreenMail
    GreenMail greenMail;
    @InjectKafka
    String bootstrapServers;
    @InjectSmsGateway
    SmsGatewayStub sms;

    @Test
    void aSignal8DuringPart1TerminatesTheSessionWithEachNoticeOnceAndTheChangePublished() {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"id": "2031-06-21-drill", "date": "2031-06-21",
                 "parts": [{"name": "Part 1", "start": "14:00", "end": "16:00", "dataCentre": "SECONDARY"},
                           {"name": "Part 2", "start": "18:00", "end": "19:00", "dataCentre": "PRIMARY"}]}""")
                .when().post("/api/practice-sessions").then().statusCode(201).body("status", equalTo("SCHEDULED"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"name": "Kit Lau", "email": "kit@drill.example", "mobile": "+85291230008", "language": "en", "installations": ["HKSCC", "HKCC_SEOCH"],
                         "subscriptions": [{"eventTypes": ["rap.practice-session.status-changed.v1"], "minSeverity": "INFO",
                                            "channels": ["EMAIL"]}]}""")
                .when().post("/api/contacts").then().statusCode(201);
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"code": "TC8NE", "issuedAt": "2031-06-21T15:10:00+08:00", "endedAt": "2031-06-21T22:00:00+08:00",
                 "note": "scripted for the test"}""")
                .when().post("/api/weather/warnings").then().statusCode(201);

        assertThat(sessions.check(at(8, 30))).isZero();
        assertThat(sessions.check(at(9, 0))).isEqualTo(1); // the 09:00 decision: goes ahead
        assertThat(sessions.check(at(12, 0))).isEqualTo(1); // two hours before the start
        assertThat(sessions.check(at(15, 10))).isEqualTo(1); // termination
        assertThat(sessions.check(at(15, 25))).isEqualTo(1); // back to the primary data centre
        assertThat(sessions.check(at(15, 26))).isZero(); // again, as after a restart: nothing twice
        assertThat(sessions.check(at(23, 0))).isZero();

        await().atMost(Duration.ofSeconds(30)).until(() -> mails().size() == 4);
        assertThat(mails()).extracting(m -> subject(m)).containsExactlyInAnyOrder(
                "[RAP Relay] Practice session 2031-06-21: PROCEEDING (09:00 decision)",
                "[RAP Relay] Practice session 2031-06-21: PROCEEDING (status two hours before the start)",
                "[RAP Relay] Practice session 2031-06-21: TERMINATED (terminated at 2031-06-21 15:25 HKT)",
                "[RAP Relay] Practice session 2031-06-21: TERMINATED (back to the primary data centre)");

        List<PracticeSessionStatusChanged> changes = statusChanges("2031-06-21-drill");
        assertThat(changes).extracting(PracticeSessionStatusChanged::status)
                .containsExactly(PracticeSessionStatus.PROCEEDING, PracticeSessionStatus.TERMINATED);
        assertThat(changes.get(1).rule()).isEqualTo("RULE_2_TERMINATE");
        assertThat(changes.get(1).warningCode()).isEqualTo("TC8NE");
        given().auth().oauth2(token("auditor")).when().get("/api/practice-sessions").then().statusCode(200)
                .body("status", hasItem("TERMINATED"));
    }

    @Test
    void aSessionsOwnContactsGetItsNoticesByEmailAndSmsWithItsHotline() {
        int lee = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"name": "Lee Ho", "email": "lee@drill.example", "mobile": "+85291230009", "language": "en",
                         "installations": ["HKCC_SEOCH"],
                         "subscriptions": [{"eventTypes": ["rap.fetch.failed.v1"], "minSeverity": "ERROR", "channels": ["EMAIL"]}]}""")
                .when().post("/api/contacts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"id": "2031-06-23-drill", "date": "2031-06-23", "hotline": "DCASS Hotline 2979 7222",
                 "contactIds": [%d],
                 "parts": [{"name": "Part 1", "start": "14:00", "end": "16:00", "dataCentre": "SECONDARY"}]}"""
                .formatted(lee)).when().post("/api/practice-sessions").then().statusCode(201)
                .body("hotline", equalTo("DCASS Hotline 2979 7222"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"id": "2031-06-24-drill", "date": "2031-06-24", "contactIds": [987654],
                 "parts": [{"name": "Part 1", "start": "14:00", "end": "16:00", "dataCentre": "SECONDARY"}]}""")
                .when().post("/api/practice-sessions").then().statusCode(400).body("field", equalTo("contactIds[0]"));

        assertThat(sessions.check(LocalDateTime.of(2031, 6, 23, 9, 0).atZone(HK).toInstant())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(greenMail, "lee@drill.example",
                "2031-06-23-drill").size() == 1 && sms.received().stream().anyMatch(b -> b.contains("+85291230009")));
        assertThat(Mailbox.to(greenMail, "lee@drill.example", "DCASS Hotline 2979 7222")).hasSize(1);
    }

    private static Instant at(int hour, int minute) {
        return LocalDateTime.of(2031, 6, 21, hour, minute).atZone(HK).toInstant();
    }

    private List<MimeMessage> mails() {
        return Mailbox.to(greenMail, "kit@drill.example", "2031-06-21-drill");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<PracticeSessionStatusChanged> statusChanges(String sessionId) {
        List<RapEvent> events = new java.util.ArrayList<>();
        try (KafkaConsumer<String, RapEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new RapEventDeserializer())) {
            consumer.subscribe(List.of(Topics.PRACTICE_SESSIONS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(r.value()));
                return events.stream().filter(e -> e instanceof PracticeSessionStatusChanged c
                        && c.sessionId().equals(sessionId)).count() >= 2;
            });
        }
        return events.stream().filter(e -> e instanceof PracticeSessionStatusChanged c
                && c.sessionId().equals(sessionId)).map(PracticeSessionStatusChanged.class::cast).toList();
    }

    private static String token(String role) {
        return OidcWiremockTestResource.getAccessToken("alice", Set.of(role));
    }
}
