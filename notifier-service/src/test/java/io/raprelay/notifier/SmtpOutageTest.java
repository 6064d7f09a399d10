package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.HostKeyRejected;
import io.raprelay.contracts.Installation;
import io.raprelay.notifier.delivery.Notification;
import io.raprelay.notifier.support.Events;
import io.raprelay.notifier.support.InjectSmsGateway;
import io.raprelay.notifier.support.SmsGatewayStub;
import io.raprelay.notifier.support.SmsGatewayStubResource;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.TestTokens;
import io.raprelay.testing.postgres.PostgresTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.icegreen.greenmail.util.GreenMail;

/**
 * With the SMTP server down, an email notice is retried, then goes out by SMS saying why; the delivery log shows every
 * attempt. With the SMS gateway down too, a critical notice is never given up: it stays due on both channels. (Its own
 * profile, without the SMTP server the other tests share.)
 */
@QuarkusTest
@TestProfile(SmtpOutageTest.SmtpDown.class)
@Order(Integer.MAX_VALUE) // last: see junit-platform.properties
class SmtpOutageTest {

    /** No SMTP server at all: the mailer points at a port nothing listens on (the global GreenMail is left out). */
    public static class SmtpDown implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notifier.delivery.max-attempts", "3", "notifier.delivery.send-timeout", "5s",
                    "quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", "1");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class),
                    new TestResourceEntry(PostgresTestResource.class, Map.of("purpose", "notifier")),
                    new TestResourceEntry(SmsGatewayStubResource.class),
                    new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    @InjectKafka
    String bootstrapServers;
    @InjectSmsGateway
    SmsGatewayStub sms;
    @Inject
    MeterRegistry metrics;

    @Test
    void emailKeepsFailingSoTheNoticeGoesBySmsAndTheLogShowsEveryAttempt() throws Exception {
        int eve = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"name": "Eve Yip", "email": "eve@hkscc-desk.example", "mobile": "+85291230005", "language": "en", "installations": ["HKSCC", "HKCC_SEOCH"],
                         "subscriptions": [{"clearingHouses": ["HKSCC"], "minSeverity": "CRITICAL", "channels": ["EMAIL"]}]}""")
                .when().post("/api/contacts").then().statusCode(201).extract().path("id");
        DataCentreSwitched switched = new DataCentreSwitched(UUID.randomUUID().toString(), Instant.now(),
                Installation.HKSCC, DataCentre.PRIMARY, DataCentre.SECONDARY, "oliver", "primary data centre drill",
                false);

        // The database is this JVM's: notices other tests left due would be the oldest pending; set them aside.
        QuarkusTransaction.requiringNew().run(() -> Notification.update("status = ?1 where status = ?2",
                Notification.Status.SUPPRESSED, Notification.Status.PENDING));
        assertThat(metric("raprelay.notifier.oldest.pending.delivery.seconds").gauge().value()).isZero();

        Events.publish(bootstrapServers, switched);

        // What operations' dashboard shows meanwhile: a delivery waiting, email attempts failing.
        await().atMost(Duration.ofSeconds(60)).until(() -> metric("raprelay.notifier.oldest.pending.delivery.seconds")
                .gauge().value() >= 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> sms.received().stream()
                .anyMatch(body -> body.contains("+85291230005")));
        assertThat(metric("raprelay.notifier.delivery.attempts").tags("channel", "EMAIL", "outcome", "FAILED")
                .counter().count()).isGreaterThanOrEqualTo(3);
        assertThat(metric("raprelay.notifier.delivery.attempts").tags("channel", "EMAIL", "outcome", "SENT")
                .counter().count()).isZero();
        assertThat(metric("raprelay.notifier.delivery.attempts").tags("channel", "SMS", "outcome", "SENT").counter()
                .count()).isGreaterThanOrEqualTo(1);
        // (Not back to 0 here: contacts other tests left subscribed get this notice too, by channels that stay down.)
        assertThat(sms.received().stream().filter(body -> body.contains("+85291230005")).toList()).singleElement()
                .asString().contains("[by SMS: email failed]", "Data centre switched to SECONDARY");

        JsonPath log = given().auth().oauth2(token("operator")).when()
                .get("/api/deliveries?eventId=" + switched.eventId() + "&contactId=" + eve).then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> notifications = log.getList("");
        assertThat(notifications).hasSize(2);
        Map<String, Object> email = notifications.stream().filter(n -> n.get("channel").equals("EMAIL")).findFirst()
                .orElseThrow();
        Map<String, Object> text = notifications.stream().filter(n -> n.get("channel").equals("SMS")).findFirst()
                .orElseThrow();
        assertThat(email.get("status")).isEqualTo("FALLEN_BACK");
        assertThat((List<?>) email.get("deliveryAttempts")).hasSize(3)
                .allSatisfy(a -> assertThat(((Map<?, ?>) a).get("outcome")).isEqualTo("FAILED"))
                .allSatisfy(a -> assertThat(((Map<?, ?>) a).get("error")).asString().startsWith("SMTP"));
        assertThat(text.get("status")).isEqualTo("SENT");
        assertThat(((Number) text.get("fallbackOf")).longValue()).isEqualTo(((Number) email.get("id")).longValue());
    }

    @Test
    void aCriticalNoticeWithBothChannelsDownIsNeverGivenUpAndGoesOutWhenOneReturns() throws Exception {
        long fay = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"name": "Fay Ho", "email": "fay@hkscc-desk.example", "mobile": "+85291230068", "language": "en", "installations": ["HKSCC"],
                         "subscriptions": [{"eventTypes": ["rap.host-key.rejected.v1"], "clearingHouses": ["HKSCC"],
                                            "minSeverity": "CRITICAL", "channels": ["EMAIL", "SMS"]}]}""")
                .when().post("/api/contacts").then().statusCode(201).extract().<Integer>path("id").longValue();
        HostKeyRejected critical = new HostKeyRejected(UUID.randomUUID().toString(), Instant.now(),
                Installation.HKSCC, DataCentre.PRIMARY, "10.243.2.141:18801", "SHA256:pinned", "SHA256:other",
                "host key changed");
        sms.failing = true; // SMTP is down in this profile: now both channels are
        try {
            Events.publish(bootstrapServers, critical);
            // Past max-attempts (3) on both channels, with nothing to fall back to: both stay due, neither fails.
            await().atMost(Duration.ofSeconds(60)).until(() -> deliveries(critical, fay).stream()
                    .allMatch(n -> ((Number) n.get("attempts")).intValue() >= 4)
                    && deliveries(critical, fay).size() == 2);
            assertThat(deliveries(critical, fay)).extracting(n -> n.get("status")).containsOnly("PENDING");
        } finally {
            sms.failing = false;
        }
        // The SMS gateway returns: the next retry sends it; the email stays due while SMTP is down.
        await().atMost(Duration.ofSeconds(60)).until(() -> sms.received().stream()
                .anyMatch(body -> body.contains("+85291230068") && body.contains("RAP host key rejected")));
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(critical, fay).stream()
                .anyMatch(n -> n.get("channel").equals("SMS") && n.get("status").equals("SENT")));
        assertThat(deliveries(critical, fay)).filteredOn(n -> n.get("channel").equals("EMAIL"))
                .extracting(n -> n.get("status")).containsExactly("PENDING");
    }

    private static List<Map<String, Object>> deliveries(HostKeyRejected event, long contactId) {
        return given().auth().oauth2(token("operator")).when()
                .get("/api/deliveries?eventId=" + event.eventId() + "&contactId=" + contactId).then().statusCode(200)
                .extract().jsonPath().getList("");
    }

    private Search metric(String name) {
        return metrics.find(name);
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }
}
