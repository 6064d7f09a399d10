package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.contracts.PracticeSessionStatusChanged;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RapEventDeserializer;
import io.raprelay.contracts.Topics;
import io.raprelay.notifier.practice.PracticeSessionService;
import io.raprelay.notifier.support.Mailbox;
import io.raprelay.notifier.support.SmsGatewayStubResource;
import io.raprelay.notifier.support.WarnsumStub;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.mail.GreenMailTestResource;
import io.raprelay.testing.mail.InjectGreenMail;
import io.raprelay.testing.oidc.TestTokens;
import io.raprelay.testing.postgres.PostgresTestResource;
import io.restassured.http.ContentType;

import com.icegreen.greenmail.util.GreenMail;

/**
 * Operators steer a configured session: create, postpone, withdraw. Every revision is on the compacted schedule topic
 * (what the fetcher reads to tell practice downloads apart), the session's contacts are told, a withdrawal is final.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "notifier"))
@QuarkusTestResource(GreenMailTestResource.class)
@QuarkusTestResource(SmsGatewayStubResource.class)
@QuarkusTestResource(WarnsumStub.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PracticeScheduleTest {

    private static final ZoneId HK = ZoneId.of("Asia/Hong_Kong");
    private static final String ID = "2031-07-05-drill";
    /** A notice goes through delivery, retries included (an SMTP send may time out on a loaded machine). */
    private static final Duration MAIL_WAIT = Duration.ofSeconds(120);

    @Inject
    PracticeSessionService sessions;
    @InjectGreenMail
    GreenMail greenMail;
    @InjectKafka
    String bootstrapServers;

    @Test
    void anOperatorPostponesThenWithdrawsASessionEachRevisionPublishedAndTheContactsTold() {
        int mo = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"name": "Mo Chan", "email": "mo@drill.example", "mobile": "+85291230011", "language": "en", "installations": ["HKSCC"],
                         "subscriptions": [{"eventTypes": ["rap.host-key.rejected.v1"], "minSeverity": "CRITICAL", "channels": ["EMAIL"]}]}""")
                .when().post("/api/contacts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"id": "%s", "date": "2031-07-05", "contactIds": [%d],
                 "parts": [{"name": "Part 1", "start": "14:00", "end": "16:00", "dataCentre": "SECONDARY"},
                           {"name": "Part 2", "start": "18:00", "end": "19:00", "dataCentre": "PRIMARY"}]}"""
                .formatted(ID, mo)).when().post("/api/practice-sessions").then().statusCode(201)
                .body("revision", equalTo(1));
        PracticeSessionConfigured first = revision(1);
        assertThat(first.sessionDate()).isEqualTo(LocalDate.of(2031, 7, 5));
        assertThat(first.parts())
                .extracting(PracticeSessionConfigured.Part::startsAt, PracticeSessionConfigured.Part::dataCentre)
                .containsExactly(tuple(Instant.parse("2031-07-05T06:00:00Z"),
                        DataCentre.SECONDARY),
                        tuple(Instant.parse("2031-07-05T10:00:00Z"), DataCentre.PRIMARY));
        assertThat(first.changedBy()).isEqualTo("alice");
        assertThat(first.withdrawn()).isFalse();

        // Bad changes are refused naming the field; an auditor may not change anything.
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"parts": [{"start": "16:00", "end": "14:00", "dataCentre": "SECONDARY"}]}""")
                .when().put("/api/practice-sessions/" + ID).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("parts[0].end"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{\"date\": \"2031-07-12\"}")
                .when().put("/api/practice-sessions/no-such-drill").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token("auditor")).contentType(ContentType.JSON).body("{\"date\": \"2031-07-12\"}")
                .when().put("/api/practice-sessions/" + ID).then().statusCode(403);

        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"date\": \"2031-07-12\", \"reason\": \"HKEX notice of 20 June: postponed one week\"}")
                .when().put("/api/practice-sessions/" + ID).then().statusCode(200)
                .body("date", equalTo("2031-07-12")).body("revision", equalTo(2));
        PracticeSessionConfigured postponed = revision(2);
        assertThat(postponed.sessionDate()).isEqualTo(LocalDate.of(2031, 7, 12));
        assertThat(postponed.parts().get(0).startsAt()).isEqualTo(Instant.parse("2031-07-12T06:00:00Z"));
        assertThat(postponed.reason()).contains("postponed one week");
        await().atMost(MAIL_WAIT)
                .until(() -> Mailbox.to(greenMail, "mo@drill.example", "moved by an operator").size() == 1);
        assertThat(Mailbox.to(greenMail, "mo@drill.example", "2031-07-12")).isNotEmpty();

        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/practice-sessions/" + ID + "/withdraw").then().statusCode(400)
                .body("field", equalTo("reason"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"reason\": \"HKEX cancelled the session (notice CD/2031/118)\"}")
                .when().post("/api/practice-sessions/" + ID + "/withdraw").then().statusCode(200)
                .body("withdrawn", equalTo(true)).body("status", equalTo("CANCELLED")).body("revision", equalTo(3));
        assertThat(revision(3).withdrawn()).isTrue();
        await().atMost(MAIL_WAIT)
                .until(() -> Mailbox.to(greenMail, "mo@drill.example", "withdrawn by an operator").size() == 1);
        PracticeSessionStatusChanged cancelled = statusChange();
        assertThat(cancelled.status()).isEqualTo(PracticeSessionStatus.CANCELLED);
        assertThat(cancelled.rule()).isEqualTo("OPERATOR_WITHDRAWN");
        assertThat(cancelled.explanation()).contains("CD/2031/118");

        // Final: no further change, and the rules no longer run for it on its day.
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{\"date\": \"2031-07-19\"}")
                .when().put("/api/practice-sessions/" + ID).then().statusCode(409)
                .body("detail", containsString("withdrawn"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{\"reason\": \"again\"}")
                .when().post("/api/practice-sessions/" + ID + "/withdraw").then().statusCode(409);
        assertThat(sessions.check(LocalDateTime.of(2031, 7, 12, 9, 0).atZone(HK).toInstant())).isZero();
        assertThat(Mailbox.to(greenMail, "mo@drill.example", ID)).hasSize(2);
    }

    private PracticeSessionConfigured revision(int revision) {
        return read(Topics.PRACTICE_SCHEDULE, e -> e instanceof PracticeSessionConfigured c
                && c.sessionId().equals(ID) && c.revision() == revision, PracticeSessionConfigured.class);
    }

    private PracticeSessionStatusChanged statusChange() {
        return read(Topics.PRACTICE_SESSIONS, e -> e instanceof PracticeSessionStatusChanged c
                && c.sessionId().equals(ID), PracticeSessionStatusChanged.class);
    }

    private <T> T read(String topic, Predicate<RapEvent> wanted, Class<T> type) {
        List<RapEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, RapEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new RapEventDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(MAIL_WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(r.value()));
                return events.stream().anyMatch(wanted);
            });
        }
        return type.cast(events.stream().filter(wanted).findFirst().orElseThrow());
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }
}
