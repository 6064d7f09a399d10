package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.notifier.practice.PracticeRules;
import io.raprelay.notifier.practice.PracticeSession;
import io.raprelay.notifier.support.Mailbox;
import io.raprelay.notifier.support.SmsGatewayStubResource;
import io.raprelay.notifier.support.WarnsumStub;
import io.raprelay.notifier.weather.Warning;
import io.raprelay.notifier.weather.WeatherService;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.mail.GreenMailTestResource;
import io.raprelay.testing.mail.InjectGreenMail;
import io.raprelay.testing.oidc.TestTokens;
import io.raprelay.testing.postgres.PostgresTestResource;
import io.restassured.http.ContentType;

import com.icegreen.greenmail.util.GreenMail;

/**
 * The HKO feed read from a real HTTP server in HKO's shape: the timeline of warnings as seen, the operator's Extreme
 * Conditions, the practice rules over that timeline, and the feed's own outage alerted once.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "notifier"))
@QuarkusTestResource(GreenMailTestResource.class)
@QuarkusTestResource(SmsGatewayStubResource.class)
@QuarkusTestResource(WarnsumStub.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class WeatherFeedTest {

    private static final LocalDate DAY = LocalDate.of(2025, 6, 21);

    @Inject
    WeatherService weather;
    @InjectGreenMail
    GreenMail greenMail;

    @Test
    void theFeedsWarningsAndTheOperatorsExtremeConditionsMakeTheDaysTimeline() {
        WarnsumStub
                .serve("""
                        {"WTCSGNL": {"name": "Tropical Cyclone Warning Signal", "code": "TC8NE", "actionCode": "ISSUE",
                                     "issueTime": "2025-06-21T15:10:00+08:00", "updateTime": "2025-06-21T15:10:00+08:00"},
                         "WTS": {"name": "Thunderstorm Warning", "actionCode": "ISSUE", "issueTime": "2025-06-21T14:05:00+08:00"}}""");
        assertThat(weather.poll()).isTrue();
        assertThat(weather.poll()).isTrue(); // seen again: the same warning, not a second one
        WarnsumStub.serve("""
                {"WTCSGNL": {"name": "Tropical Cyclone Warning Signal", "code": "TC8NE", "actionCode": "CANCEL",
                             "issueTime": "2025-06-21T15:10:00+08:00", "updateTime": "2025-06-21T20:40:00+08:00"}}""");
        assertThat(weather.poll()).isTrue();
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"code": "EXTREME", "issuedAt": "2025-06-21T21:00:00+08:00", "endedAt": "2025-06-21T23:00:00+08:00",
                 "note": "Government announcement"}""")
                .when().post("/api/weather/warnings").then().statusCode(201)
                .body("name", equalTo("Extreme Conditions"));

        List<Warning> timeline = weather.timeline(DAY);
        assertThat(timeline).extracting(Warning::code).containsExactly("WTS", "TC8NE", "EXTREME");
        assertThat(timeline.get(1).endedAt()).isEqualTo(Instant.parse("2025-06-21T12:40:00Z"));
        assertThat(timeline.get(0).endedAt()).isNotNull(); // no longer listed, its cancellation never seen:
        assertThat(timeline.get(0).endNotBefore()).as("ended at some time since its last sighting").isNotNull()
                .isBefore(timeline.get(0).endedAt());
        assertThat(timeline.get(1).endNotBefore()).as("HKO's own end time").isNull();
        given().auth().oauth2(token("auditor")).when().get("/api/weather/warnings?date=2025-06-21").then()
                .statusCode(200).body("code", contains("WTS", "TC8NE", "EXTREME"))
                .body("source", contains("FEED", "FEED", "OPERATOR"))
                .body("actionCode", contains("ISSUE", "CANCEL", "OPERATOR"));

        PracticeRules.Decision live = PracticeRules.decide(PracticeSession.june2025(), timeline,
                Instant.parse("2025-06-21T15:00:00Z"));
        assertThat(live.status()).isEqualTo(PracticeSessionStatus.TERMINATED);
        assertThat(live.effectiveAt()).isEqualTo(Instant.parse("2025-06-21T07:25:00Z"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"warnings": [{"code": "WTS", "issuedAt": "2025-06-21T14:05:00+08:00", "endedAt": "%s"},
                                      {"code": "TC8NE", "issuedAt": "2025-06-21T15:10:00+08:00", "endedAt": "2025-06-21T20:40:00+08:00"},
                                      {"code": "EXTREME", "issuedAt": "2025-06-21T21:00:00+08:00", "endedAt": "2025-06-21T23:00:00+08:00"}],
                         "at": "2025-06-21T23:00:00+08:00"}"""
                        .formatted(timeline.get(0).endedAt()))
                .when().post("/api/practice-sessions/what-if").then().statusCode(200)
                .body("decision.status", equalTo(live.status().name()))
                .body("decision.effectiveAt", equalTo(live.effectiveAt().toString()));
    }

    @Test
    void theFeedFailingIsAlertedOnceAndMalformedEntriesAreRefused() throws Exception {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"name": "Ivy Tse", "email": "ivy@ops.example", "mobile": "+85291230007", "language": "en", "installations": ["HKSCC", "HKCC_SEOCH"],
                         "subscriptions": [{"minSeverity": "ERROR", "channels": ["EMAIL"]}]}""")
                .when().post("/api/contacts").then().statusCode(201);
        WarnsumStub.fail(503);
        assertThat(weather.poll()).isFalse();
        WarnsumStub.serve("{\"WRAIN\": {\"actionCode\": \"ISSUE\"}}"); // no code, no time
        assertThat(weather.poll()).isFalse();

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(greenMail, "ivy@ops.example",
                "warnsum").size() == 1);
        assertThat(Mailbox.to(greenMail, "ivy@ops.example", "warnsum").get(0).getSubject())
                .isEqualTo("[RAP Relay] Weather warning feed unavailable");
        given().auth().oauth2(token("auditor")).when().get("/api/weather").then().statusCode(200)
                .body("healthy", equalTo(false));

        WarnsumStub.serve("{}");
        assertThat(weather.poll()).isTrue();
        given().auth().oauth2(token("auditor")).when().get("/api/weather").then().body("healthy", equalTo(true));
        // The feed is back: Ivy, who was told it was down, is told once that it is back.
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(greenMail, "ivy@ops.example",
                "Resolved: weather warning feed available again").size() == 1);
        assertThat(weather.poll()).isTrue();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> Mailbox.to(greenMail,
                "ivy@ops.example", "warnsum").size() == 2);
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"code\": \"TC8NE\", \"issuedAt\": \"2025-06-21T15:10:00+08:00\","
                        + " \"endedAt\": \"2025-06-21T15:00:00+08:00\"}")
                .when().post("/api/weather/warnings").then().statusCode(400).body("field", equalTo("endedAt"));
        given().auth().oauth2(token("auditor")).contentType(ContentType.JSON)
                .body("{\"code\": \"EXTREME\", \"issuedAt\": \"2025-06-21T15:10:00+08:00\","
                        + " \"endedAt\": \"2025-06-21T17:10:00+08:00\"}")
                .when().post("/api/weather/warnings").then().statusCode(403);
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"code\": \"EXTREME\", \"issuedAt\": \"2025-06-21T15:10:00+08:00\"}")
                .when().post("/api/weather/warnings").then().statusCode(400).body("field", equalTo("endedAt"));
        // Codes the rules would not recognise (an operator typing the signal as people say it) are refused.
        for (String code : List.of("T8", "8", "tc8ne", "BLACK")) {
            given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                    .body("{\"code\": \"" + code + "\", \"issuedAt\": \"2025-06-21T15:10:00+08:00\","
                            + " \"endedAt\": \"2025-06-21T17:10:00+08:00\"}")
                    .when().post("/api/weather/warnings").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("code"))
                    .body("detail", containsString("TC8NE, TC8SE, TC8SW, TC8NW, TC9, TC10"))
                    .body("detail", containsString("EXTREME"));
        }
        // A note longer than a warning keeps is refused (its column holds 1,000 characters, with who entered it).
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"code\": \"EXTREME\", \"issuedAt\": \"2025-06-21T15:10:00+08:00\","
                        + " \"endedAt\": \"2025-06-21T17:10:00+08:00\", \"note\": \"" + "x".repeat(501) + "\"}")
                .when().post("/api/weather/warnings").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("note"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).when().post("/api/weather/warnings")
                .then().statusCode(400).body("field", equalTo("body"));
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }
}
