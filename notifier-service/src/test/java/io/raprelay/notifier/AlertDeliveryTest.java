package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.contracts.ArchiveAltered;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.FailureReason;
import io.raprelay.contracts.FetchFailed;
import io.raprelay.contracts.HostKeyRejected;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.LoginCheckCompleted;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.ReportOverdue;
import io.raprelay.contracts.ReportOverdueResolved;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;
import io.raprelay.notifier.delivery.Notification;
import io.raprelay.notifier.support.Events;
import io.raprelay.notifier.support.InjectSmsGateway;
import io.raprelay.notifier.support.Mailbox;
import io.raprelay.notifier.support.SmsGatewayStub;
import io.raprelay.notifier.support.SmsGatewayStubResource;
import io.raprelay.testing.contracts.MaximalEvents;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.mail.GreenMailTestResource;
import io.raprelay.testing.mail.InjectGreenMail;
import io.raprelay.testing.oidc.TestTokens;
import io.raprelay.testing.postgres.PostgresTestResource;
import io.restassured.http.ContentType;

import com.icegreen.greenmail.util.GreenMail;

/**
 * Alert events from the real broker become email (read back from GreenMail, a real SMTP server) and SMS (a real HTTP
 * aggregator stub) for the contacts they concern, once each, in their language, with the delivery log to show it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "notifier"))
@QuarkusTestResource(GreenMailTestResource.class)
@QuarkusTestResource(SmsGatewayStubResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AlertDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @InjectKafka
    String bootstrapServers;
    @InjectGreenMail
    GreenMail greenMail;
    @InjectSmsGateway
    SmsGatewayStub sms;

    @Test
    void aFetchFailureReachesThatHousesSubscribersOnceByEmailAndSms() throws Exception {
        contact("Alice Lee", "alice@hkscc-desk.example", "+85291230001", "en", "[\"HKSCC\"]", "[\"EMAIL\", \"SMS\"]");
        contact("Bob Wong", "bob@hkcc-desk.example", "+85291230002", "en", "[\"HKCC\", \"SEOCH\"]",
                "[\"EMAIL\", \"SMS\"]");
        FetchFailed failure = new FetchFailed(UUID.randomUUID().toString(), Instant.now(), Installation.HKSCC,
                "rapb01234", DataCentre.PRIMARY, FailureReason.NETWORK, "Connection refused",
                List.of("10.243.2.141:18801", "10.243.2.142:18801"), Instant.now().minusSeconds(300), 4);

        String id = failure.eventId();
        String line = "RAP unreachable: rapb01234";
        Events.publish(bootstrapServers, failure);
        await().atMost(WAIT).until(() -> mailsTo("alice@hkscc-desk.example", id).size() == 1
                && smsTo("+85291230001", line).size() == 1);
        MimeMessage mail = mailsTo("alice@hkscc-desk.example", id).get(0);
        assertThat(mail.getSubject()).isEqualTo("[RAP Relay] RAP unreachable: rapb01234 (NETWORK)");
        assertThat((String) mail.getContent()).contains("10.243.2.142:18801", "Connection refused", "ERROR");
        assertThat(smsTo("+85291230001", line).get(0)).contains("#RAPRELAY");

        Events.publish(bootstrapServers, failure); // redelivered
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo("alice@hkscc-desk.example", id).size() == 1
                        && smsTo("+85291230001", line).size() == 1);
        assertThat(mailsTo("bob@hkcc-desk.example", id)).isEmpty();
        assertThat(smsTo("+85291230002", line)).isEmpty();

        given().auth().oauth2(token("auditor")).when().get("/api/deliveries?eventId=" + failure.eventId()).then()
                .statusCode(200)
                .body("", hasSize(2))
                .body("status", everyItem(org.hamcrest.Matchers.equalTo("SENT")))
                .body("deliveryAttempts.flatten().providerMessageId", everyItem(notNullValue()));
    }

    @Test
    void aTraditionalChineseContactReadsTheOverdueNoticeInChinese() throws Exception {
        contact("陳大文", "chan@seoch-desk.example", "+85261230003", "zh-HK", "[\"SEOCH\"]", "[\"EMAIL\"]");
        ReportOverdue overdue = new ReportOverdue(UUID.randomUUID().toString(), Instant.now(), ClearingHouse.SEOCH,
                SourceSystem.DCASS, "DCSIM01", null, LocalDate.of(2025, 10, 2), Instant.parse("2025-10-02T11:00:00Z"),
                1, null);

        Events.publish(bootstrapServers, overdue);
        await().atMost(WAIT).until(() -> mailsTo("chan@seoch-desk.example", overdue.eventId()).size() == 1);
        MimeMessage mail = mailsTo("chan@seoch-desk.example", overdue.eventId()).get(0);
        assertThat(mail.getSubject()).isEqualTo("[RAP Relay] 報表逾期：DCSIM01（2025-10-02）");
        assertThat((String) mail.getContent()).contains("2025-10-02 19:00:00 HKT", "嚴重程度：CRITICAL");
    }

    @Test
    void anOverdueReportThatArrivesIsResolvedOnceToExactlyThoseToldAndByTheirChannels() throws Exception {
        contact("Iris Lam", "ivy@overdue-desk.example", "+85291230041", "en", "[\"HKSCC\"]", "[\"EMAIL\", \"SMS\"]");
        contact("Jack Ng", "jay@overdue-desk.example", "+85291230042", "en", "[\"HKSCC\"]", "[\"EMAIL\"]");
        contact("Kit Ho", "kim@overdue-desk.example", "+85291230043", "en", "[\"HKCC\"]", "[\"EMAIL\", \"SMS\"]");
        ReportOverdue overdue = new ReportOverdue(UUID.randomUUID().toString(), Instant.now(), ClearingHouse.HKSCC,
                SourceSystem.CCASS, "CSWTH98", null, LocalDate.of(2025, 10, 2), Instant.parse("2025-10-02T11:00:00Z"),
                1, null);
        Events.publish(bootstrapServers, overdue);
        await().atMost(WAIT).until(() -> mailsTo("ivy@overdue-desk.example", overdue.eventId()).size() == 1
                && smsTo("+85291230041", "Report overdue: CSWTH98").size() == 1
                && mailsTo("jay@overdue-desk.example", overdue.eventId()).size() == 1);
        // subscribed after the overdue notice went out: not told, so not told it ended either
        contact("Leon Yip", "leo@overdue-desk.example", "+85291230044", "en", "[\"HKSCC\"]", "[\"EMAIL\", \"SMS\"]");

        ReportOverdueResolved resolved = new ReportOverdueResolved(UUID.randomUUID().toString(), Instant.now(),
                overdue.eventId(), ClearingHouse.HKSCC, SourceSystem.CCASS, "CSWTH98", null, overdue.businessDate(),
                overdue.deadline(), 1, null, Instant.parse("2025-10-03T00:10:00Z"),
                List.of("HKSCC/rapb01234/INBOX/20251002/CSWTH98_B01234_20251002.txt"));
        Events.publish(bootstrapServers, resolved);
        String line = "Resolved: CSWTH98 for 2025-10-02 arrived late at 2025-10-03 08:10:00 HKT";
        await().atMost(WAIT).until(() -> mailsTo("ivy@overdue-desk.example", resolved.eventId()).size() == 1
                && smsTo("+85291230041", line).size() == 1
                && mailsTo("jay@overdue-desk.example", resolved.eventId()).size() == 1);
        MimeMessage mail = mailsTo("jay@overdue-desk.example", resolved.eventId()).get(0);
        assertThat(mail.getSubject()).isEqualTo("[RAP Relay] " + line);
        assertThat((String) mail.getContent()).contains("2025-10-02 19:00:00 HKT", "CSWTH98_B01234_20251002.txt");

        Events.publish(bootstrapServers, resolved); // redelivered
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo("ivy@overdue-desk.example", resolved.eventId()).size() == 1
                        && smsTo("+85291230041", line).size() == 1
                        && mailsTo("jay@overdue-desk.example", resolved.eventId()).size() == 1);
        assertThat(smsTo("+85291230042", line)).as("Jack was told by email only").isEmpty();
        assertThat(mailsTo("leo@overdue-desk.example", resolved.eventId())).isEmpty();
        assertThat(smsTo("+85291230044", line)).isEmpty();
        assertThat(mailsTo("kim@overdue-desk.example", resolved.eventId())).isEmpty();
        assertThat(smsTo("+85291230043", line)).isEmpty();
    }

    @Test
    void aContactIsToldOnlyAboutTheInstallationsItLooksAfter() throws Exception {
        // subscribed to every clearing house, but looking after the derivatives installation only
        // (host-key rejections only, so that other tests' deliveries stay theirs)
        String contact = """
                {"name": "%s", "email": "%s", "mobile": "%s", "language": "en", "installations": ["%s"],
                 "subscriptions": [{"eventTypes": ["rap.host-key.rejected.v1"], "clearingHouses": [],
                                    "minSeverity": "WARNING", "channels": ["EMAIL"]}]}""";
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(contact.formatted("Nina Wu", "nina@derivatives-desk.example", "+85291230051", "HKCC_SEOCH"))
                .when().post("/api/contacts").then().statusCode(201);
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(contact.formatted("Omar Lee", "omar@securities-desk.example", "+85291230052", "HKSCC"))
                .when().post("/api/contacts").then().statusCode(201);
        HostKeyRejected securities = new HostKeyRejected(UUID.randomUUID().toString(), Instant.now(),
                Installation.HKSCC, DataCentre.PRIMARY, "10.243.2.141:18801", "SHA256:pinned", "SHA256:other",
                "host key changed");
        HostKeyRejected derivatives = new HostKeyRejected(UUID.randomUUID().toString(), Instant.now(),
                Installation.HKCC_SEOCH, DataCentre.PRIMARY, "10.243.3.141:18801", "SHA256:pinned",
                "SHA256:other", "host key changed");
        Events.publish(bootstrapServers, securities, derivatives);
        await().atMost(WAIT).until(() -> mailsTo("nina@derivatives-desk.example", derivatives.eventId()).size() == 1
                && mailsTo("omar@securities-desk.example", securities.eventId()).size() == 1);
        assertThat(mailsTo("nina@derivatives-desk.example", securities.eventId())).isEmpty();
    }

    @Test
    void aRoleSubscriptionReachesWhoeverHoldsTheRoleForTheInstallationsTheyCover() throws Exception {
        // Their own subscriptions want nothing of this; the role "duty manager" will.
        String contact = """
                {"name": "%s", "email": "%s", "mobile": "%s", "language": "en", "installations": ["%s"],
                 "roles": %s,
                 "subscriptions": [{"eventTypes": ["rap.login-check.completed.v1"], "minSeverity": "CRITICAL",
                                    "channels": ["EMAIL"]}]}""";
        long rita = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(contact.formatted("Rita Ng", "rita@rota.example", "+85291230081", "HKCC_SEOCH",
                        "[\"Duty Manager\"]"))
                .when().post("/api/contacts").then().statusCode(201).extract().jsonPath().getLong("id");
        long sam = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(contact.formatted("Sam Ko", "sam@rota.example", "+85291230082", "HKSCC",
                        "[\"duty manager\"]"))
                .when().post("/api/contacts").then().statusCode(201).extract().jsonPath().getLong("id");
        long tom = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(contact.formatted("Tom Yu", "tom@rota.example", "+85291230083", "HKCC_SEOCH", "[]"))
                .when().post("/api/contacts").then().statusCode(201).extract().jsonPath().getLong("id");

        String subscriptions = """
                {"subscriptions": [{"eventTypes": ["rap.host-key.rejected.v1"], "minSeverity": "WARNING",
                                    "channels": ["EMAIL", "SMS"]}]}""";
        given().auth().oauth2(token("auditor")).contentType(ContentType.JSON).body(subscriptions)
                .when().put("/api/role-subscriptions/duty manager").then().statusCode(403);
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(subscriptions)
                .when().put("/api/role-subscriptions/duty,manager").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("role"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"subscriptions\": [{\"minSeverity\": \"WARNING\", \"channels\": []}]}")
                .when().put("/api/role-subscriptions/duty manager").then().statusCode(400)
                .body("field", equalTo("subscriptions[0].channels"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(subscriptions)
                .when().put("/api/role-subscriptions/Duty Manager").then().statusCode(200)
                .body("role", equalTo("duty manager")).body("holders", hasItems((int) rita, (int) sam))
                .body("holders", not(hasItem((int) tom)));
        given().auth().oauth2(token("auditor")).when().get("/api/role-subscriptions/DUTY MANAGER").then()
                .statusCode(200).body("subscriptions[0].channels", hasItems("EMAIL", "SMS"));

        // Rita holds the role and covers HKCC/SEOCH; Sam holds it for HKSCC only; Tom covers it without the role.
        HostKeyRejected first = hostKeyRejected();
        Events.publish(bootstrapServers, first);
        await().atMost(WAIT).until(() -> mailsTo("rita@rota.example", first.eventId()).size() == 1
                && smsTo("+85291230081", "").size() == 1);
        assertThat(mailsTo("sam@rota.example", first.eventId())).isEmpty();
        assertThat(mailsTo("tom@rota.example", first.eventId())).isEmpty();

        // The rota changes: Tom takes the role. Nobody's subscriptions change, and he is told from now on.
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(contact.formatted("Tom Yu", "tom@rota.example", "+85291230083", "HKCC_SEOCH",
                        "[\"duty manager\"]"))
                .when().put("/api/contacts/" + tom).then().statusCode(200);
        HostKeyRejected second = hostKeyRejected();
        Events.publish(bootstrapServers, second);
        await().atMost(WAIT).until(() -> mailsTo("tom@rota.example", second.eventId()).size() == 1
                && mailsTo("rita@rota.example", second.eventId()).size() == 1);

        given().auth().oauth2(token("operator")).when().delete("/api/role-subscriptions/duty manager").then()
                .statusCode(204);
        given().auth().oauth2(token("operator")).when().get("/api/role-subscriptions/duty manager").then()
                .statusCode(404);
        HostKeyRejected third = hostKeyRejected();
        Events.publish(bootstrapServers, third);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo("rita@rota.example", third.eventId()).isEmpty()
                        && mailsTo("tom@rota.example", third.eventId()).isEmpty());
    }

    private static HostKeyRejected hostKeyRejected() {
        return new HostKeyRejected(UUID.randomUUID().toString(), Instant.now(), Installation.HKCC_SEOCH,
                DataCentre.PRIMARY, "10.243.3.142:18801", "SHA256:pinned", "SHA256:other", "host key changed");
    }

    @Test
    void aMalformedEventIsDeadLetteredAndTheNextOneStillArrives() throws Exception {
        contact("Dora Ho", "dora@hkscc-desk.example", "+85291230004", "en", "[\"HKSCC\"]", "[\"EMAIL\"]");
        Events.publishRaw(bootstrapServers, Topics.FETCH_EVENTS, "{not json".getBytes(), "rap.fetch.failed.v1");
        HostKeyRejected rejected = new HostKeyRejected(UUID.randomUUID().toString(), Instant.now(),
                Installation.HKSCC, DataCentre.PRIMARY, "10.243.2.141:18801", "SHA256:pinned", "SHA256:presented",
                "host key changed");
        Events.publish(bootstrapServers, rejected);

        await().atMost(WAIT).until(() -> mailsTo("dora@hkscc-desk.example", rejected.eventId()).size() == 1);
        assertThat(deadLetters(Topics.deadLetter(Topics.FETCH_EVENTS, "notifier"))).isNotEmpty();
        // The dead letter itself reaches operations as a critical alert.
        await().atMost(WAIT).until(() -> Mailbox.to(greenMail, "dora@hkscc-desk.example", "not JSON").stream()
                .anyMatch(m -> subject(m).equals("[RAP Relay] Record dead-lettered by the notifier: "
                        + Topics.FETCH_EVENTS)));
    }

    @Test
    void onlyAnAdminReplaysDeadLetters() {
        given().auth().oauth2(token("operator")).when().post("/api/admin/dead-letters/replay").then()
                .statusCode(403);
        given().auth().oauth2(token("admin")).when().post("/api/admin/dead-letters/replay").then().statusCode(200)
                .body("replayed", notNullValue());
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSameFailureAgainIsHeldBackWithinTheRepeatInterval() throws Exception {
        contact("Hana Ko", "hana@hkscc-desk.example", "+85291230006", "en", "[\"HKSCC\"]", "[\"EMAIL\"]");
        FetchFailed first = failure("rapb09999", FailureReason.TIMEOUT);
        FetchFailed again = failure("rapb09999", FailureReason.TIMEOUT);
        FetchFailed other = failure("rapb09999", FailureReason.AUTHENTICATION);

        Events.publish(bootstrapServers, first, again, other);
        await().atMost(WAIT).until(() -> mailsTo("hana@hkscc-desk.example", first.eventId()).size() == 1
                && mailsTo("hana@hkscc-desk.example", other.eventId()).size() == 1);
        assertThat(mailsTo("hana@hkscc-desk.example", again.eventId())).isEmpty();
        given().auth().oauth2(token("operator")).when().get("/api/deliveries?eventId=" + again.eventId()).then()
                .statusCode(200).body("status", everyItem(org.hamcrest.Matchers.equalTo("SUPPRESSED")));
    }

    @Test
    void everyContractValidEventAtItsLimitsBecomesNotificationsOrADigestEntry() throws Exception {
        contact("Ivy Lam", "ivy@all-desks.example", "+85291230007", "en", "[]", "[\"EMAIL\"]");
        List<RapEvent> events = new ArrayList<>();
        for (String topic : List.of(Topics.REPORTS, Topics.FETCH_EVENTS, Topics.REPORT_OVERDUE,
                Topics.ARCHIVE_ALERTS)) {
            events.addAll(MaximalEvents.onTopic(topic));
        }
        Events.publish(bootstrapServers, events.toArray(RapEvent[]::new));

        // A login check that passed is INFO: below this contact's WARNING, it is not sent.
        List<String> alerts = events.stream().filter(e -> !(e instanceof ReportArrived)
                && !(e instanceof LoginCheckCompleted c && c.passed())).map(RapEvent::eventId).toList();
        assertThat(events).anyMatch(e -> e instanceof LoginCheckCompleted c && !c.passed());
        // Production arrivals go into the digests; practice downloads never pass for production arrivals.
        List<String> arrivals = events.stream().filter(e -> e instanceof ReportArrived a && !a.practiceSession())
                .map(RapEvent::eventId).toList();
        List<String> practice = events.stream().filter(e -> e instanceof ReportArrived a && a.practiceSession())
                .map(RapEvent::eventId).toList();
        assertThat(arrivals).isNotEmpty();
        assertThat(practice).isNotEmpty();
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> Notification
                .<Notification>list("eventId in ?1", alerts).stream().map(n -> n.eventId).distinct().count()) == alerts
                        .size());
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Notification.getEntityManager()
                        .createNativeQuery("select count(*) from arrival where event_id in (:ids)")
                        .setParameter("ids", arrivals).getSingleResult()).intValue()) == arrivals.size());
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) Notification.getEntityManager()
                .createNativeQuery("select count(*) from arrival where event_id in (:ids)")
                .setParameter("ids", practice).getSingleResult()).intValue())).isZero();
    }

    @Test
    void aRecordTheDatabaseCanNeverTakeIsDeadLetteredAfterBoundedAttemptsAndLaterAlertsStillGoOut()
            throws Exception {
        contact("Jay Ng", "jay@hkscc-desk.example", "+85291230008", "en", "[\"HKSCC\"]", "[\"EMAIL\"]");
        // Valid by the contract (JSON allows U+0000), but PostgreSQL cannot store it in text: it can never succeed.
        ArchiveAltered unstorable = new ArchiveAltered(UUID.randomUUID().toString(), Instant.now(),
                "HKSCC/rapb01234/INBOX/20251002/CCLTN05_B01234_20251002.txt", "r-1", 2,
                "file:///archive/CCLTN05_B01234_20251002.txt", "a".repeat(64), "b".repeat(64), "auditor\u0000x");
        HostKeyRejected critical = new HostKeyRejected(UUID.randomUUID().toString(), Instant.now(),
                Installation.HKSCC, DataCentre.PRIMARY, "10.243.2.142:18801", "SHA256:pinned", "SHA256:other",
                "host key changed");
        Events.publish(bootstrapServers, unstorable, critical);

        await().atMost(WAIT).until(() -> mailsTo("jay@hkscc-desk.example", critical.eventId()).size() == 1);
        String reason = deadLetterReasons(Topics.deadLetter(Topics.ARCHIVE_ALERTS, "notifier")).stream()
                .filter(r -> r.startsWith("refused by the database")).findFirst().orElseThrow();
        assertThat(reason).contains("0x00");
    }

    private static FetchFailed failure(String account, FailureReason reason) {
        return new FetchFailed(UUID.randomUUID().toString(), Instant.now(), Installation.HKSCC, account,
                DataCentre.PRIMARY, reason, "no answer", List.of("10.243.2.141:18801", "10.243.2.142:18801"),
                Instant.now().minusSeconds(120), 2);
    }

    private void contact(String name, String email, String mobile, String language, String houses,
            String channels) {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "email": "%s", "mobile": "%s", "language": "%s", "installations": ["HKSCC", "HKCC_SEOCH"],
                         "subscriptions": [{"clearingHouses": %s, "minSeverity": "WARNING", "channels": %s}]}"""
                        .formatted(name, email, mobile, language, houses, channels))
                .when().post("/api/contacts").then().statusCode(201);
    }

    /** Mails to the address about one event (its id is in every body): other tests' events do not count. */
    private List<MimeMessage> mailsTo(String address, String eventId) {
        return Mailbox.to(greenMail, address, eventId);
    }

    /** Messages to the mobile whose text holds the marker (an SMS carries the subject line only). */
    private List<String> smsTo(String mobile, String marker) {
        return sms.received().stream().filter(body -> body.contains("\"" + mobile + "\"") && body.contains(marker))
                .toList();
    }

    private List<byte[]> deadLetters(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<byte[]> values = new java.util.ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
            });
            return values;
        }
    }

    private List<String> deadLetterReasons(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> reasons = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> reasons.add(new String(
                        r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)));
                return !reasons.isEmpty();
            });
            return reasons;
        }
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }
}
