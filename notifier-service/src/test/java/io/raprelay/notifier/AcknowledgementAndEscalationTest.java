package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.contracts.ArchiveAltered;
import io.raprelay.contracts.ArchiveRestored;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.FailureReason;
import io.raprelay.contracts.FetchFailed;
import io.raprelay.contracts.FetchRecovered;
import io.raprelay.contracts.HostFailover;
import io.raprelay.contracts.HostKeyRejected;
import io.raprelay.contracts.HostRecovered;
import io.raprelay.contracts.Installation;
import io.raprelay.notifier.support.Events;
import io.raprelay.notifier.support.InjectSmsGateway;
import io.raprelay.notifier.support.LockWaits;
import io.raprelay.notifier.support.Mailbox;
import io.raprelay.notifier.support.SmsGatewayStub;
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
 * An alert's lifecycle past its first notice: someone acknowledges a failure from the email's signed link, then its
 * repeats are held back while another failure still alerts, and its end (the account reachable again) is told once
 * and resolves it; a critical alert nobody acknowledges
 * goes to tier 2 (a named contact), then tier 3 (a role, as far as its holders cover the alert's clearing house), of
 * its event type's escalation policy, and one acknowledged in time goes nowhere. (Its
 * own profile for the short repeat interval; it runs after the shared-profile tests, before SmtpOutageTest.)
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "notifier"))
@QuarkusTestResource(GreenMailTestResource.class)
@QuarkusTestResource(SmsGatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AcknowledgementAndEscalationTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern LINK = Pattern.compile("(http://\\S+/ack\\?t=(\\S+))");
    private static final String POLICY = "/api/escalation-policies/rap.host-key.rejected.v1";

    @InjectKafka
    String bootstrapServers;
    @InjectGreenMail
    GreenMail greenMail;
    @InjectSmsGateway
    SmsGatewayStub sms;
    @Inject
    DataSource dataSource;

    @Test
    void anAcknowledgedFailureStopsRepeatingWhileAnotherFailureStillRepeats() throws Exception {
        contact("Uma Chow", "uma@hkcc-desk.example", "+85291230061", "[\"rap.fetch.failed.v1\"]", "[\"HKCC\"]");
        FetchFailed first = failure(FailureReason.TIMEOUT);
        Events.publish(bootstrapServers, first);
        await().atMost(WAIT).until(() -> mailsTo("uma@hkcc-desk.example", first.eventId()).size() == 1);
        assertThat(body(mailsTo("uma@hkcc-desk.example", first.eventId()).get(0))).contains(
                "Acknowledge (stops its repeats and escalation): http://127.0.0.1:8083/ack?t=");

        // Uma acknowledges it from the link in that email: the link only shows the alert and a button ...
        String link = link(mailsTo("uma@hkcc-desk.example", first.eventId()).get(0));
        String page = given().urlEncodingEnabled(false).when().get(relative(link)).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(page).contains("RAP unreachable: raphkcc77 (TIMEOUT)", "id=\"acknowledge\"")
                .doesNotContain("Acknowledged by");
        given().when().get("/api/alerts/" + first.eventId()).then().statusCode(401);
        given().auth().oauth2(token("auditor")).when().get("/api/alerts/" + first.eventId()).then()
                .statusCode(200).body("acknowledgedAt", nullValue());
        // ... and the button acknowledges it, as her.
        given().formParam("t", linkToken(link)).when().post("/ack").then().statusCode(200)
                .body(containsString("Acknowledged by Uma Chow &lt;uma@hkcc-desk.example&gt; (email link)"));

        // The failure goes on: its repeat is held back as covered by her acknowledgement (past the repeat interval
        // too: the end-to-end suite, with a 4 s interval, sees a repeat sent before and held back after).
        FetchFailed second = failure(FailureReason.TIMEOUT);
        Events.publish(bootstrapServers, second);
        FetchFailed other = failure(FailureReason.AUTHENTICATION); // another failure: not acknowledged
        Events.publish(bootstrapServers, other);
        await().atMost(WAIT).until(() -> mailsTo("uma@hkcc-desk.example", other.eventId()).size() == 1);
        await().atMost(WAIT).until(() -> given().auth().oauth2(token("auditor")).when()
                .get("/api/alerts/" + second.eventId()).statusCode() == 200);
        given().auth().oauth2(token("auditor")).when().get("/api/alerts/" + second.eventId()).then()
                .body("coveredBy", equalTo(first.eventId()))
                .body("acknowledgedBy", equalTo("Uma Chow <uma@hkcc-desk.example> (email link)"));
        given().auth().oauth2(token("auditor")).when().get("/api/deliveries?eventId=" + second.eventId()).then()
                .statusCode(200).body("status", everyItem(equalTo("SUPPRESSED")));
        assertThat(mailsTo("uma@hkcc-desk.example", second.eventId())).isEmpty();
        given().auth().oauth2(token("operator")).when().get("/api/alerts?open=true").then().statusCode(200)
                .body("eventId", org.hamcrest.Matchers.hasItem(other.eventId()))
                .body("eventId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(first.eventId())));

        // The account is reachable again: one "resolved" notice to whoever was told, and nothing is open any more.
        FetchRecovered recovered = new FetchRecovered(UUID.randomUUID().toString(), Instant.now(),
                Installation.HKCC_SEOCH, "raphkcc77", DataCentre.PRIMARY, "10.243.3.141:18801",
                first.outageSince(), 9, List.of(first.eventId(), second.eventId(), other.eventId()));
        Events.publish(bootstrapServers, recovered);
        await().atMost(WAIT).until(() -> mailsTo("uma@hkcc-desk.example", recovered.eventId()).size() == 1);
        assertThat(mailsTo("uma@hkcc-desk.example", recovered.eventId()).get(0).getSubject())
                .isEqualTo("[RAP Relay] Resolved: RAP reachable again: raphkcc77");
        given().auth().oauth2(token("auditor")).when().get("/api/alerts/" + other.eventId()).then()
                .body("resolvedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(token("operator")).when().get("/api/alerts?open=true").then().statusCode(200)
                .body("eventId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(other.eventId())));
    }

    @Test
    void aHostBackInUseAndARestoredArchiveCopyAreToldOnceToWhoeverWasToldOfTheirStart() throws Exception {
        contact("Zoe Kwan", "zoe@hkcc-desk.example", "+85291230066",
                "[\"rap.host.failover.v1\", \"rap.archive.altered.v1\"]", "[\"HKCC\"]");
        // Told of every resolved notice, but of neither start: told of neither end.
        contact("Abe Lui", "abe@hkcc-desk.example", "+85291230067",
                "[\"rap.host.recovered.v1\", \"rap.archive.restored.v1\"]", "[\"HKCC\"]");

        HostFailover failover = new HostFailover(UUID.randomUUID().toString(), Instant.now(),
                Installation.HKCC_SEOCH, "raphkcc78", DataCentre.PRIMARY, "10.243.3.141:18801", "10.243.3.142:18801",
                FailureReason.NETWORK, "Connection refused");
        Events.publish(bootstrapServers, failover);
        await().atMost(WAIT).until(() -> mailsTo("zoe@hkcc-desk.example", failover.eventId()).size() == 1);
        HostRecovered back = new HostRecovered(UUID.randomUUID().toString(), Instant.now(), Installation.HKCC_SEOCH,
                "raphkcc78", DataCentre.PRIMARY, "10.243.3.141:18801", failover.occurredAt(),
                List.of(failover.eventId()));
        Events.publish(bootstrapServers, back);

        String key = "HKCC_SEOCH/raphkcc78/INBOX/20310310/DCSIM01_HKCC01_20310310.txt";
        ArchiveAltered altered = new ArchiveAltered(UUID.randomUUID().toString(), Instant.now(), key, "r-77", 1,
                "file:///var/lib/rap-relay/archive/x.txt", "a".repeat(64), "b".repeat(64), "alice");
        Events.publish(bootstrapServers, altered);
        await().atMost(WAIT).until(() -> mailsTo("zoe@hkcc-desk.example", altered.eventId()).size() == 1);
        ArchiveRestored restored = new ArchiveRestored(UUID.randomUUID().toString(), Instant.now(), key, "r-77", 1,
                "file:///var/lib/rap-relay/archive/x.txt", "a".repeat(64), altered.occurredAt(),
                List.of(altered.eventId()), "ops-admin");
        Events.publish(bootstrapServers, restored);
        Events.publish(bootstrapServers, restored); // redelivered: still one notice

        await().atMost(WAIT).until(() -> mailsTo("zoe@hkcc-desk.example", back.eventId()).size() == 1
                && mailsTo("zoe@hkcc-desk.example", restored.eventId()).size() == 1);
        assertThat(mailsTo("zoe@hkcc-desk.example", back.eventId()).get(0).getSubject())
                .isEqualTo("[RAP Relay] Resolved: RAP host back in use: 10.243.3.141:18801");
        assertThat(mailsTo("zoe@hkcc-desk.example", restored.eventId()).get(0).getSubject())
                .isEqualTo("[RAP Relay] Resolved: archive copy restored: " + key);
        for (String started : List.of(failover.eventId(), altered.eventId())) {
            given().auth().oauth2(token("auditor")).when().get("/api/alerts/" + started).then()
                    .body("resolvedAt", notNullValue());
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> mailsTo("zoe@hkcc-desk.example", restored.eventId()).size() == 1
                        && mailsTo("abe@hkcc-desk.example", back.eventId()).isEmpty()
                        && mailsTo("abe@hkcc-desk.example", restored.eventId()).isEmpty());
    }

    @Test
    void anUnacknowledgedCriticalAlertEscalatesTierByTierAndAnAcknowledgedOneGoesNowhere() throws Exception {
        contact("Vic Tam", "vic@hkcc-desk.example", "+85291230062", "[\"rap.host-key.rejected.v1\"]", "[\"HKCC\"]");
        // Tiers 2 and 3 are told of nothing else (a type and house that no test publishes).
        long lead = contact("Wendy Yau", "wendy@hkcc-lead.example", "+85291230063", "[\"rap.ssh-key.warning.v1\"]",
                "[\"SEOCH\"]");
        long head = contact("Xavier Ip", "xavier@hkcc-head.example", "+85291230064", "[\"rap.ssh-key.warning.v1\"]",
                "[\"SEOCH\"]", "[\"HKCC_SEOCH\"]", "[\"Head of Operations\"]");
        // Holds the role too, but looks after HKSCC only: not told of an HKCC alert.
        contact("Yuki Sze", "yuki@hkscc-head.example", "+85291230065", "[\"rap.ssh-key.warning.v1\"]", "[\"SEOCH\"]",
                "[\"HKSCC\"]", "[\"head of operations\"]");

        // A policy is checked: a known type, tiers later one after the other, active contacts; operators set it.
        String policy = """
                {"tiers": [{"after": "%s", "contactIds": [%d]}, {"after": "%s", "contactIds": [%d]}]}""";
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(policy.formatted("PT2S", lead, "PT2S", head)).when().put(POLICY).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("tiers[1].after"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(policy.formatted("PT2S", lead, "PT4S", 999999)).when().put(POLICY).then().statusCode(400)
                .body("field", equalTo("tiers[1].contactIds"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(policy.formatted("PT2S", lead, "PT4S", head)).when()
                .put("/api/escalation-policies/rap.no-such.v1").then().statusCode(400)
                .body("field", equalTo("eventType"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{\"tiers\": []}").when()
                .put(POLICY).then().statusCode(400).body("field", equalTo("tiers"));
        given().auth().oauth2(token("auditor")).contentType(ContentType.JSON)
                .body(policy.formatted("PT2S", lead, "PT4S", head)).when().put(POLICY).then().statusCode(403);
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"tiers": [{"after": "PT2S", "contactIds": [%d]}, {"after": "PT4S", "roles": ["Head, Ops"]}]}"""
                .formatted(lead)).when().put(POLICY).then().statusCode(400).body("field", equalTo("tiers[1].roles[0]"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"tiers": [{"after": "PT2S", "contactIds": [%d]}, {"after": "PT4S"}]}""".formatted(lead)).when()
                .put(POLICY).then().statusCode(400).body("field", equalTo("tiers[1].contactIds"));
        // Tier 3 by role: whoever is head of operations (for HKCC) when it is due.
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"tiers": [{"after": "PT2S", "contactIds": [%d]}, {"after": "PT4S", "roles": ["head of operations"]}]}"""
                        .formatted(lead))
                .when().put(POLICY).then().statusCode(200)
                .body("minSeverity", equalTo("CRITICAL")).body("tiers.tier", equalTo(List.of(2, 3)))
                .body("tiers[1].roles", equalTo(List.of("head of operations")));
        try {
            HostKeyRejected ignored = rejection("10.243.3.151:18801");
            HostKeyRejected handled = rejection("10.243.3.152:18801");
            Events.publish(bootstrapServers, ignored, handled);
            await().atMost(WAIT).until(() -> mailsTo("vic@hkcc-desk.example", ignored.eventId()).size() == 1
                    && mailsTo("vic@hkcc-desk.example", handled.eventId()).size() == 1);
            given().auth().oauth2(token("operator")).when()
                    .post("/api/alerts/" + handled.eventId() + "/acknowledgement").then().statusCode(200)
                    .body("acknowledgedBy", equalTo("alice"));

            await().atMost(WAIT).until(() -> mailsTo("wendy@hkcc-lead.example", ignored.eventId()).size() == 1);
            MimeMessage escalated = mailsTo("wendy@hkcc-lead.example", ignored.eventId()).get(0);
            assertThat(escalated.getSubject()).isEqualTo("[RAP Relay] Escalated, not acknowledged after 2 s: "
                    + "RAP host key rejected: 10.243.3.151:18801");
            assertThat(body(escalated)).contains("Escalated to you (tier 2)", "SHA256:other", "/ack?t=");
            await().atMost(WAIT).until(() -> sms.received().stream()
                    .anyMatch(m -> m.contains("+85291230063") && m.contains("Escalated")));
            await().atMost(WAIT).until(() -> mailsTo("xavier@hkcc-head.example", ignored.eventId()).size() == 1);
            given().auth().oauth2(token("auditor")).when().get("/api/alerts/" + ignored.eventId()).then()
                    .body("escalatedTier", equalTo(3)).body("acknowledgedAt", nullValue());

            // Tier 3 acknowledges from his link; the one acknowledged in time went to nobody else; nothing twice.
            given().formParam("t", linkToken(link(mailsTo("xavier@hkcc-head.example", ignored.eventId()).get(0))))
                    .when().post("/ack")
                    .then().statusCode(200).body(containsString("Acknowledged by Xavier Ip"));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> mailsTo("wendy@hkcc-lead.example", ignored.eventId()).size() == 1
                            && mailsTo("xavier@hkcc-head.example", ignored.eventId()).size() == 1
                            && mailsTo("wendy@hkcc-lead.example", handled.eventId()).isEmpty()
                            && mailsTo("xavier@hkcc-head.example", handled.eventId()).isEmpty());
            given().auth().oauth2(token("auditor")).when().get("/api/alerts/" + handled.eventId()).then()
                    .body("escalatedTier", equalTo(1));
            assertThat(mailsTo("yuki@hkscc-head.example", ignored.eventId())).as("holds the role, not the house")
                    .isEmpty();
        } finally {
            given().auth().oauth2(token("operator")).when().delete(POLICY).then().statusCode(204);
        }
    }

    /**
     * An escalation check and a recovery that change one alert at the same moment both hold: each writes only what it
     * changed. (Before, each wrote the whole row it had read, so the one committed second erased the other's change,
     * such as an alert's resolution, and an alert resolved while a check ran stayed open.) The test holds the alert's
     * row so that both wait on it with what they read before either committed, then lets them go.
     */
    @Test
    void anEscalationAndAResolutionOfOneAlertAtTheSameMomentAreBothKept() throws Exception {
        contact("Ada Ho", "ada@hkcc-desk.example", "+85291230068", "[\"rap.fetch.failed.v1\"]", "[\"HKCC\"]");
        long lead = contact("Bo Lam", "bo@hkcc-lead.example", "+85291230069", "[\"rap.ssh-key.warning.v1\"]",
                "[\"SEOCH\"]");
        String policy = "/api/escalation-policies/rap.fetch.failed.v1";
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"minSeverity": "INFO", "tiers": [{"after": "PT3S", "contactIds": [%d]}]}""".formatted(lead))
                .when().put(policy).then().statusCode(200);
        try {
            FetchFailed failed = new FetchFailed(UUID.randomUUID().toString(), Instant.now(), Installation.HKCC_SEOCH,
                    "raphkcc79", DataCentre.PRIMARY, FailureReason.NETWORK, "no route to host",
                    List.of("10.243.3.141:18801", "10.243.3.142:18801"), Instant.now().minusSeconds(60), 2);
            Events.publish(bootstrapServers, failed);
            await().atMost(WAIT).until(() -> mailsTo("ada@hkcc-desk.example", failed.eventId()).size() == 1);
            FetchRecovered recovered = new FetchRecovered(UUID.randomUUID().toString(), Instant.now(),
                    Installation.HKCC_SEOCH, "raphkcc79", DataCentre.PRIMARY, "10.243.3.141:18801",
                    failed.outageSince(), 2, List.of(failed.eventId()));
            try (Connection holder = dataSource.getConnection()) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock = holder
                        .prepareStatement("select event_id from raised_alert where event_id = ? for update")) {
                    lock.setString(1, failed.eventId());
                    assertThat(lock.executeQuery().next()).isTrue();
                }
                // Its tier is due 3 s after it was raised: the check escalates it and waits to record that ...
                await().atMost(WAIT).until(() -> LockWaits.statementsWaiting(dataSource, "update raised_alert") == 1);
                // ... and the account's recovery, read after that, resolves it and waits too.
                Events.publish(bootstrapServers, recovered);
                await().atMost(WAIT).until(() -> LockWaits.statementsWaiting(dataSource, "update raised_alert") == 2);
                holder.commit();
            }
            await().atMost(WAIT).until(() -> mailsTo("ada@hkcc-desk.example", recovered.eventId()).size() == 1
                    && mailsTo("bo@hkcc-lead.example", failed.eventId()).size() == 1);
            given().auth().oauth2(token("auditor")).when().get("/api/alerts/" + failed.eventId()).then()
                    .statusCode(200).body("escalatedTier", equalTo(2)).body("resolvedAt", notNullValue());
            given().auth().oauth2(token("operator")).when().get("/api/alerts?open=true").then().statusCode(200)
                    .body("eventId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(failed.eventId())));
        } finally {
            given().auth().oauth2(token("operator")).when().delete(policy).then().statusCode(204);
        }
    }

    @Test
    void aLinkThatWasAlteredOrIsNotOneOfOursAcknowledgesNothing() {
        given().when().get("/ack?t=nonsense").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("not an acknowledgement link"));
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("some-event\n1\n" + Instant.now().plusSeconds(600).getEpochSecond()).getBytes())
                + ".AAAA";
        given().formParam("t", forged).when().post("/ack").then().statusCode(403)
                .body("detail", containsString("signature does not match"));
        given().auth().oauth2(token("operator")).when().post("/api/alerts/no-such-event/acknowledgement").then()
                .statusCode(404).contentType("application/problem+json");
    }

    private static FetchFailed failure(FailureReason reason) {
        return new FetchFailed(UUID.randomUUID().toString(), Instant.now(), Installation.HKCC_SEOCH, "raphkcc77",
                DataCentre.PRIMARY, reason, "no answer", List.of("10.243.3.141:18801", "10.243.3.142:18801"),
                Instant.now().minusSeconds(120), 2);
    }

    private static HostKeyRejected rejection(String host) {
        return new HostKeyRejected(UUID.randomUUID().toString(), Instant.now(), Installation.HKCC_SEOCH,
                DataCentre.PRIMARY, host, "SHA256:pinned", "SHA256:other", "host key changed");
    }

    private static String link(MimeMessage mail) throws Exception {
        Matcher m = LINK.matcher(body(mail));
        assertThat(m.find()).as(body(mail)).isTrue();
        return m.group(1);
    }

    /** The link as this test's server sees it (the base URL names the configured public address). */
    private static String relative(String link) {
        return link.substring(link.indexOf("/ack?"));
    }

    private static String linkToken(String link) {
        Matcher m = LINK.matcher(link);
        assertThat(m.find()).isTrue();
        return m.group(2);
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }

    private static String body(MimeMessage mail) throws Exception {
        return (String) mail.getContent();
    }

    private long contact(String name, String email, String mobile, String types, String houses) {
        return contact(name, email, mobile, types, houses, "[\"HKCC_SEOCH\"]", "[]");
    }

    private long contact(String name, String email, String mobile, String types, String houses,
            String installations, String roles) {
        return given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "email": "%s", "mobile": "%s", "language": "en", "installations": %s,
                         "roles": %s,
                         "subscriptions": [{"eventTypes": %s, "clearingHouses": %s, "minSeverity": "INFO",
                                            "channels": ["EMAIL"]}]}"""
                        .formatted(name, email, mobile, installations, roles, types, houses))
                .when().post("/api/contacts").then().statusCode(201).extract().<Integer>path("id").longValue();
    }

    /** Mails to the address about one event (its id is in every body). */
    private List<MimeMessage> mailsTo(String address, String eventId) {
        return Mailbox.to(greenMail, address, eventId);
    }
}
