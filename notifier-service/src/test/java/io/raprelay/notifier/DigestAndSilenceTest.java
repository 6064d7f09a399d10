package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.notifier.support.Events;
import io.raprelay.notifier.support.LockWaits;
import io.raprelay.notifier.support.Mailbox;
import io.raprelay.notifier.support.SmsGatewayStubResource;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.mail.GreenMailTestResource;
import io.raprelay.testing.mail.InjectGreenMail;
import io.raprelay.testing.oidc.TestTokens;
import io.raprelay.testing.postgres.PostgresTestResource;
import io.restassured.http.ContentType;

import com.icegreen.greenmail.util.GreenMail;

import javax.sql.DataSource;

/**
 * A burst of 200 arrivals becomes one digest per clearing house and business date; redelivering them sends nothing;
 * a silence keeps one house's digest quiet while a critical notice for that house still goes out.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "notifier"))
@QuarkusTestResource(GreenMailTestResource.class)
@QuarkusTestResource(SmsGatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class DigestAndSilenceTest {

    private static final LocalDate DAY = LocalDate.of(2025, 6, 20);

    @InjectKafka
    String bootstrapServers;
    @InjectGreenMail
    GreenMail greenMail;
    @Inject
    DataSource dataSource;

    @Test
    void aBurstBecomesOneDigestPerHouseAndDateAndASilenceHoldsOnlyTheNonCritical() throws Exception {
        contact("Fiona Lam", "fiona@ops.example", "[\"rap.report.arrived.v1\"]", "[\"HKSCC\", \"HKCC\"]");
        contact("Gary Ng", "gary@ops.example", "[]", "[\"HKCC\"]");
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"clearingHouses": ["HKCC"], "eventTypes": ["rap.report.arrived.v1"],
                 "startsAt": "%s", "endsAt": "%s", "reason": "HKCC end-of-day batch, arrivals muted",
                 "ownerContactId": %d}"""
                .formatted(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), contactId("gary@")))
                .when().post("/api/silences").then().statusCode(201);

        List<RapEvent> burst = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            burst.add(arrival(ClearingHouse.HKSCC, SourceSystem.CCASS, "CCLTN05_P" + i, "v1"));
        }
        for (int i = 0; i < 48; i++) {
            burst.add(arrival(ClearingHouse.HKSCC, SourceSystem.VAR, "RMAMR01_P" + i, "v1"));
        }
        burst.add(arrival(ClearingHouse.HKSCC, SourceSystem.VAR, "RMAMR01_P0", "v2")); // re-issued
        burst.add(arrival(ClearingHouse.HKSCC, SourceSystem.VAR, "RMAMR01_P1", "v2")); // re-issued
        for (int i = 0; i < 50; i++) {
            burst.add(arrival(ClearingHouse.HKCC, SourceSystem.DCASS, "DCSIM01_P" + i, "v1"));
        }
        assertThat(burst).hasSize(200);
        Events.publish(bootstrapServers, burst.toArray(RapEvent[]::new));

        await().atMost(Duration.ofSeconds(45)).until(() -> mailsTo("fiona@ops.example").size() == 1);
        MimeMessage digest = mailsTo("fiona@ops.example").get(0);
        assertThat(digest.getSubject())
                .isEqualTo("[RAP Relay] 150 reports arrived for HKSCC, business date 2025-06-20, 2 re-issued");
        assertThat((String) digest.getContent()).contains("CCASS: 100 reports", "VAR: 50 reports");

        DataCentreSwitched critical = new DataCentreSwitched(UUID.randomUUID().toString(), Instant.now(),
                Installation.HKCC_SEOCH, DataCentre.PRIMARY, DataCentre.SECONDARY, "oliver", "drill", false);
        Events.publish(bootstrapServers, critical);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("gary@ops.example").size() == 1);
        assertThat(mailsTo("gary@ops.example").get(0).getSubject()).contains("Data centre switched to SECONDARY");

        Events.publish(bootstrapServers, burst.toArray(RapEvent[]::new)); // redelivered
        await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20))
                .until(() -> mailsTo("fiona@ops.example").size() == 1 && mailsTo("gary@ops.example").size() == 1);
        given().auth().oauth2(token("operator")).when().get("/api/deliveries?contactId=" + contactId("gary"))
                .then().statusCode(200).body("find { it.eventType == 'rap.report.arrived.v1' }.status",
                        org.hamcrest.Matchers.equalTo("SUPPRESSED"));
    }

    private static ReportArrived arrival(ClearingHouse house, SourceSystem system, String name, String version) {
        Installation installation = house == ClearingHouse.HKSCC ? Installation.HKSCC : Installation.HKCC_SEOCH;
        String path = "INBOX/20250620/" + name + ".txt";
        String key = installation + "/acct/" + path;
        String reportId = "r-" + UUID.nameUUIDFromBytes((key + version).getBytes(StandardCharsets.UTF_8));
        return new ReportArrived(UUID.nameUUIDFromBytes(reportId.getBytes(StandardCharsets.UTF_8)).toString(),
                reportId, key, house, system, name.substring(0, 7), null, DAY, name + ".txt", path, 10,
                "a".repeat(64), Instant.now(), Instant.now(), installation, "acct", DataCentre.PRIMARY,
                "10.243.2.141:18801", "file:///archive/" + key, "text/plain", false);
    }

    @Test
    void aSilenceHasAnOwnerAndAnEndAndItsOwnerIsToldBeforeItEndsAndWhenItHasEnded() throws Exception {
        contact("Olive Chan", "olive@ops.example", "[]", "[\"HKSCC\"]");
        long owner = contactId("olive@");
        String silence = """
                {"clearingHouses": [], "eventTypes": [], "startsAt": "%s", "endsAt": "%s",
                 "reason": "RAP maintenance announced by HKEX"%s}""";
        Instant now = Instant.now();
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(silence.formatted(now, now.plusSeconds(600), "")).when().post("/api/silences").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("ownerContactId"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(silence.formatted(now, now.plusSeconds(600), ", \"ownerContactId\": 999999")).when()
                .post("/api/silences").then().statusCode(400).body("field", equalTo("ownerContactId"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(silence.formatted(now, now.plus(Duration.ofDays(8)), ", \"ownerContactId\": " + owner)).when()
                .post("/api/silences").then().statusCode(400).body("field", equalTo("endsAt"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(silence.formatted(now.minusSeconds(600), now.minusSeconds(60), ", \"ownerContactId\": " + owner))
                .when().post("/api/silences").then().statusCode(400).body("field", equalTo("endsAt"));

        // Everything muted for 12 s: well inside the 15 minutes before its end, so the owner is told at once
        int id = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(silence.formatted(now.minusSeconds(60), now.plusSeconds(12), ", \"ownerContactId\": " + owner))
                .when().post("/api/silences").then().statusCode(201).body("ownerContactId", equalTo((int) owner))
                .extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> subjects("olive@ops.example").stream()
                .anyMatch(s -> s.startsWith("[RAP Relay] Silence #" + id + " ends at ")));
        await().atMost(Duration.ofSeconds(30)).until(() -> subjects("olive@ops.example").stream()
                .anyMatch(s -> s.startsWith("[RAP Relay] Silence #" + id + " ended at ")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> subjects("olive@ops.example")
                .stream().filter(s -> s.startsWith("[RAP Relay] Silence #" + id + " ")).count() == 2);
        MimeMessage ended = mailsTo("olive@ops.example").stream()
                .filter(m -> subject(m).contains("Silence #" + id + " ended")).findFirst().orElseThrow();
        assertThat((String) ended.getContent()).contains("RAP maintenance announced by HKEX", "alice");
    }

    /**
     * An operator ends a silence while the check that tells its owner it is ending runs: it stays ended. (Before, the
     * check wrote back the whole row it had read, end time included, and so restored the silence for the rest of its
     * planned time, muting what it covers.) The test holds the check between its read and its write by holding the
     * owner's notice row it is about to insert, ends the silence meanwhile, then lets the check go.
     */
    @Test
    void aSilenceEndedWhileItsOwnerIsBeingToldItEndsSoonStaysEnded() throws Exception {
        contact("Pat Ng", "pat@ops.example", "[]", "[\"HKSCC\"]");
        long owner = contactId("pat@");
        Instant now = Instant.now();
        // Due to end inside the 15 minutes before which its owner is told, from 3 s from now (nothing is told before).
        int id = given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"clearingHouses": [], "eventTypes": ["rap.ssh-key.warning.v1"], "startsAt": "%s", "endsAt": "%s",
                 "reason": "key rotation", "ownerContactId": %d}""".formatted(now.plusSeconds(3),
                now.plusSeconds(600), owner)).when().post("/api/silences").then().statusCode(201).extract().path("id");
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement notice = holder.prepareStatement(
                    """
                            insert into notification (event_id, event_type, contact_id, channel, severity, subject, body, status,
                                                      attempts, created_at, updated_at)
                            values (?, 'rap-relay.silence', ?, 'EMAIL', 'WARNING', 'held', 'held', 'SUPPRESSED', 0, now(), now())""")) {
                notice.setString(1, "silence:" + id + ":ending");
                notice.setLong(2, owner);
                notice.executeUpdate();
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> LockWaits.statementsWaiting(dataSource, "insert into notification") == 1);
            given().auth().oauth2(token("operator")).when().delete("/api/silences/" + id).then().statusCode(200)
                    .body("endsAt", notNullValue());
            holder.rollback();
        }
        // The check went on: its owner is told it ends soon, and it is still ended, so told that it has ended too.
        await().atMost(Duration.ofSeconds(20)).until(() -> subjects("pat@ops.example").stream()
                .anyMatch(s -> s.startsWith("[RAP Relay] Silence #" + id + " ends at ")));
        given().auth().oauth2(token("operator")).when().get("/api/silences").then().statusCode(200)
                .body("id", not(hasItem(id)));
        await().atMost(Duration.ofSeconds(20)).until(() -> subjects("pat@ops.example").stream()
                .anyMatch(s -> s.startsWith("[RAP Relay] Silence #" + id + " ended at ")));
    }

    private List<String> subjects(String address) {
        return mailsTo(address).stream().map(DigestAndSilenceTest::subject).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void contact(String name, String email, String types, String houses) {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "email": "%s", "mobile": "+85291239999", "language": "en", "installations": ["HKSCC", "HKCC_SEOCH"],
                         "subscriptions": [{"eventTypes": %s, "clearingHouses": %s, "minSeverity": "INFO",
                                            "channels": ["EMAIL"]}]}"""
                        .formatted(name, email, types, houses))
                .when().post("/api/contacts").then().statusCode(201);
    }

    private long contactId(String emailPrefix) {
        List<Integer> ids = given().auth().oauth2(token("operator")).when().get("/api/contacts").then()
                .extract().path("findAll { it.email.startsWith('" + emailPrefix + "') }.id");
        return ids.get(0);
    }

    private List<MimeMessage> mailsTo(String address) {
        return Mailbox.to(greenMail, address, "");
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }
}
