package io.raprelay.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.LoginCheckCompleted;
import io.raprelay.contracts.NotificationDelivered;
import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.contracts.PracticeSessionStatusChanged;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RapEventDeserializer;
import io.raprelay.contracts.RapEventSerializer;
import io.raprelay.contracts.Topics;
import io.raprelay.notifier.practice.PracticeSessionService;
import io.raprelay.notifier.site.ActiveDataCentres;
import io.raprelay.notifier.support.Events;
import io.raprelay.notifier.support.InjectSmsGateway;
import io.raprelay.notifier.support.Mailbox;
import io.raprelay.notifier.support.SmsGatewayStub;
import io.raprelay.notifier.support.SmsGatewayStubResource;
import io.raprelay.notifier.support.WarnsumStub;
import io.raprelay.notifier.weather.WeatherService;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.mail.GreenMailTestResource;
import io.raprelay.testing.mail.InjectGreenMail;
import io.raprelay.testing.oidc.TestTokens;
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
    /** A notice goes through delivery, retries included (an SMTP send may time out on a loaded machine). */
    private static final Duration MAIL_WAIT = Duration.ofSeconds(120);

    @Inject
    PracticeSessionService sessions;
    @Inject
    WeatherService weather;
    @Inject
    ActiveDataCentres dataCentres;
    @InjectGreenMail
    GreenMail greenMail;
    @InjectKafka
    String bootstrapServers;
    @InjectSmsGateway
    SmsGatewayStub sms;

    @Test
    void aSignal8DuringPart1TerminatesTheSessionWithEachNoticeOnceAndTheChangePublished() {
        feedAnswers();
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

        await().atMost(MAIL_WAIT).until(() -> mails().size() == 4);
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
        await().atMost(MAIL_WAIT).until(() -> Mailbox.to(greenMail, "lee@drill.example",
                "2031-06-23-drill").size() == 1 && sms.received().stream().anyMatch(b -> b.contains("+85291230009")));
        assertThat(Mailbox.to(greenMail, "lee@drill.example", "DCASS Hotline 2979 7222")).hasSize(1);
    }

    @Test
    void hkexsAnnouncementOverridesTheRulesIsToldOnceAndNothingAfterItContradictsIt() throws Exception {
        feedAnswers();
        String id = "announced-" + UUID.randomUUID().toString().substring(0, 8);
        int ann = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"name": "Ann Wu", "email": "ann@drill.example", "mobile": "+85291230010", "language": "en", "installations": ["HKSCC"],
                         "subscriptions": [{"eventTypes": ["rap.host-key.rejected.v1"], "minSeverity": "CRITICAL", "channels": ["EMAIL"]}]}""")
                .when().post("/api/contacts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"id": "%s", "date": "2031-07-05", "contactIds": [%d],
                 "parts": [{"name": "Part 1", "start": "14:00", "end": "16:00", "dataCentre": "SECONDARY"},
                           {"name": "Part 2", "start": "18:00", "end": "19:00", "dataCentre": "PRIMARY"}]}"""
                .formatted(id, ann)).when().post("/api/practice-sessions").then().statusCode(201);
        String path = "/api/practice-sessions/" + id + "/announcements";
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"status\": \"T8\", \"reference\": \"HKEX notice\"}").when().post(path).then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("status"))
                .body("detail", org.hamcrest.Matchers.containsString("CANCELLED, PROCEEDING, TERMINATED"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"status\": \"CANCELLED\"}").when().post(path).then().statusCode(400)
                .body("field", equalTo("reference"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"status\": \"CANCELLED\", \"reference\": \"x\", \"effectiveAt\": \"2031-07-06T10:00:00+08:00\"}")
                .when().post(path).then().statusCode(400).body("field", equalTo("effectiveAt"));
        given().auth().oauth2(token("auditor")).contentType(ContentType.JSON)
                .body("{\"status\": \"CANCELLED\", \"reference\": \"x\"}").when().post(path).then()
                .statusCode(403);
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"status\": \"CANCELLED\", \"reference\": \"x\"}").when()
                .post("/api/practice-sessions/no-such-drill/announcements").then().statusCode(404);

        // HKEX calls the session off on a calm day: the contacts hear it once, with HKEX's reference; the rules'
        // "goes ahead" at 09:00, the prompts, the checks and the reminder never follow.
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"status": "CANCELLED", "reference": "HKEX Participant Circular CT/031/31: practice session cancelled"}""")
                .when().post(path).then().statusCode(201)
                .body("status", equalTo("CANCELLED"))
                .body("announcement.status", equalTo("CANCELLED"))
                .body("announcement.recordedBy", equalTo("alice"));
        for (int[] time : new int[][]{{9, 0}, {12, 0}, {13, 50}, {14, 10}, {16, 0}, {17, 50}, {18, 10}, {19, 0}}) {
            assertThat(sessions.check(LocalDateTime.of(2031, 7, 5, time[0], time[1]).atZone(HK).toInstant()))
                    .as("%02d:%02d", time[0], time[1]).isEqualTo(time[0] == 9 || time[0] == 12 ? 1 : 0);
        }
        await().atMost(MAIL_WAIT).until(() -> Mailbox.to(greenMail, "ann@drill.example", id)
                .size() == 3);
        assertThat(Mailbox.to(greenMail, "ann@drill.example", id)).extracting(m -> subject(m))
                .containsExactlyInAnyOrder(
                        "[RAP Relay] Practice session 2031-07-05: CANCELLED (HKEX announcement)",
                        "[RAP Relay] Practice session 2031-07-05: CANCELLED (09:00 decision)",
                        "[RAP Relay] Practice session 2031-07-05: CANCELLED (status two hours before the start)");
        assertThat(Mailbox.to(greenMail, "ann@drill.example", "CT/031/31")).hasSize(3);
        List<PracticeSessionStatusChanged> changes = statusChanges(id, 1);
        assertThat(changes).extracting(PracticeSessionStatusChanged::status, PracticeSessionStatusChanged::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PracticeSessionStatus.CANCELLED,
                        "HKEX_ANNOUNCEMENT"));
        given().auth().oauth2(token("auditor")).when().get(path).then().statusCode(200)
                .body("status", equalTo(List.of("CANCELLED")));

        // Each notice's final state is published for the drill evidence: to whom (masked), what, sent.
        List<NotificationDelivered> delivered = published(Topics.NOTIFICATIONS, NotificationDelivered.class,
                d -> id.equals(d.practiceSessionId()), 6);
        assertThat(delivered).as("three notices by email and by SMS").hasSize(6).allSatisfy(d -> {
            assertThat(d.contactName()).isEqualTo("Ann Wu");
            assertThat(d.outcome()).isEqualTo(NotificationDelivered.Outcome.SENT);
            assertThat(d.address()).isEqualTo(d.channel() == NotificationDelivered.Channel.EMAIL
                    ? "a***@drill.example"
                    : "+852****0010");
        });
        assertThat(delivered).extracting(NotificationDelivered::subject).contains(
                "[RAP Relay] Practice session 2031-07-05: CANCELLED (HKEX announcement)");

        // A standby pre-check that failed for this session reaches its own contact too (she subscribes to nothing).
        LoginCheckCompleted failed = new LoginCheckCompleted(UUID.randomUUID().toString(), Instant.now(),
                Installation.HKSCC, DataCentre.SECONDARY, LoginCheckCompleted.Occasion.DAY_BEFORE, id,
                LocalDate.of(2031, 7, 5), null, false, List.of(new LoginCheckCompleted.HostResult(
                        "10.243.66.142:18801", "rapb01234", false, false, null, "login failed: Auth fail")));
        Events.publish(bootstrapServers, failed);
        await().atMost(MAIL_WAIT).until(() -> Mailbox.to(greenMail, "ann@drill.example", failed.eventId()).size() == 1);
        assertThat(subject(Mailbox.to(greenMail, "ann@drill.example", failed.eventId()).get(0)))
                .isEqualTo("[RAP Relay] Standby pre-check FAILED: HKSCC SECONDARY data centre");
    }

    @Test
    void aDecisionTakenWhileTheFeedIsDownIsProvisionalThenCorrectedOnceHkosTimesAreKnown() {
        int sam = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"name": "Sam Wong", "email": "sam@drill.example", "mobile": "+85291230012", "language": "en",
                         "installations": ["HKSCC"],
                         "subscriptions": [{"eventTypes": ["rap.host-key.rejected.v1"], "minSeverity": "CRITICAL", "channels": ["EMAIL"]}]}""")
                .when().post("/api/contacts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"id": "2031-06-25-drill", "date": "2031-06-25", "contactIds": [%d],
                 "parts": [{"name": "Part 1", "start": "14:00", "end": "16:00", "dataCentre": "SECONDARY"}]}"""
                .formatted(sam)).when().post("/api/practice-sessions").then().statusCode(201);
        Instant nine = LocalDateTime.of(2031, 6, 25, 9, 0).atZone(HK).toInstant();

        WarnsumStub.fail(503);
        assertThat(weather.poll()).isFalse();
        try {
            assertThat(sessions.check(nine)).isEqualTo(1);
            await().atMost(MAIL_WAIT).until(() -> Mailbox.to(greenMail, "sam@drill.example",
                    "PROCEEDING (provisional) (09:00 decision)").size() == 1);
            // HKO's own No. 8, issued at 08:45 while the feed was down, entered by an operator from HKO's site.
            given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                    {"code": "TC8NE", "issuedAt": "2031-06-25T08:45:00+08:00", "endedAt": "2031-06-25T12:00:00+08:00",
                     "note": "as announced by HKO"}""").when().post("/api/weather/warnings").then().statusCode(201);
        } finally {
            feedAnswers();
        }
        assertThat(sessions.check(nine.plus(Duration.ofMinutes(30)))).isEqualTo(1);
        assertThat(sessions.check(nine.plus(Duration.ofMinutes(31)))).isZero();
        await().atMost(MAIL_WAIT).until(() -> Mailbox.to(greenMail, "sam@drill.example",
                "CANCELLED (correction)").size() == 1);
        assertThat(Mailbox.to(greenMail, "sam@drill.example", "2031-06-25")).hasSize(2);
        assertThat(statusChanges("2031-06-25-drill")).extracting(PracticeSessionStatusChanged::status)
                .containsExactly(PracticeSessionStatus.PROCEEDING, PracticeSessionStatus.CANCELLED);
    }

    @Test
    void promptsAtThePartBoundariesAndAnAlertWhenAnInstallationIsNotOnThePartsDataCentre() throws Exception {
        feedAnswers();
        int lou = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("""
                        {"name": "Lou Ma", "email": "lou@drill.example", "mobile": "+85291230013", "language": "en",
                         "installations": ["HKSCC", "HKCC_SEOCH"],
                         "subscriptions": [{"eventTypes": ["rap.host-key.rejected.v1"], "minSeverity": "CRITICAL", "channels": ["EMAIL"]}]}""")
                .when().post("/api/contacts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("""
                {"id": "2031-06-28-drill", "date": "2031-06-28", "contactIds": [%d],
                 "parts": [{"name": "Part 1", "start": "14:00", "end": "16:00", "dataCentre": "SECONDARY"},
                           {"name": "Part 2", "start": "18:00", "end": "19:00", "dataCentre": "PRIMARY"}]}"""
                .formatted(lou)).when().post("/api/practice-sessions").then().statusCode(201);

        assertThat(sessions.check(at28(9, 0))).isEqualTo(1);
        assertThat(sessions.check(at28(12, 0))).isEqualTo(1);
        assertThat(sessions.check(at28(13, 50))).isEqualTo(1);
        await().atMost(MAIL_WAIT).until(() -> lou("switch data centre for the next part").size() == 1);
        assertThat(lou("switch data centre for the next part").get(0).getContent().toString())
                .contains("Part 1 starts at 14:00 HKT on the SECONDARY data centre");
        // The operator switched HKSCC to the secondary at 13:55; HKCC_SEOCH stayed on the primary (where a switch
        // at 13:00 left it: other tests' events are older).
        switched(Installation.HKCC_SEOCH, DataCentre.SECONDARY, DataCentre.PRIMARY, at28(13, 0));
        switched(Installation.HKSCC, DataCentre.PRIMARY, DataCentre.SECONDARY, at28(13, 55));
        await().atMost(MAIL_WAIT)
                .until(() -> dataCentres.all().get(Installation.HKSCC).dataCentre() == DataCentre.SECONDARY
                        && dataCentres.all().get(Installation.HKCC_SEOCH).dataCentre() == DataCentre.PRIMARY);

        assertThat(sessions.check(at28(14, 10))).isEqualTo(1);
        assertThat(sessions.check(at28(14, 11))).isZero(); // once
        await().atMost(MAIL_WAIT).until(() -> lou("WRONG DATA CENTRE").size() == 1);
        assertThat(lou("WRONG DATA CENTRE").get(0).getContent().toString())
                .contains("HKCC_SEOCH is on PRIMARY (switched by olga at 2031-06-28 13:00 HKT)")
                .doesNotContain("HKSCC is on");

        assertThat(sessions.check(at28(16, 0))).isEqualTo(1);
        await().atMost(MAIL_WAIT).until(() -> lou("between the parts").size() == 1);
        assertThat(lou("between the parts").get(0).getContent().toString())
                .contains("switch back to the PRIMARY data centre's addresses");
        switched(Installation.HKSCC, DataCentre.SECONDARY, DataCentre.PRIMARY, at28(16, 5));
        await().atMost(MAIL_WAIT)
                .until(() -> dataCentres.all().get(Installation.HKSCC).dataCentre() == DataCentre.PRIMARY);
        assertThat(sessions.check(at28(17, 50))).isEqualTo(1);
        assertThat(sessions.check(at28(18, 10))).as("every installation on the primary for part 2: no alert")
                .isZero();
        assertThat(sessions.check(at28(19, 0))).isEqualTo(1); // back to the primary for the next business day
        await().atMost(MAIL_WAIT).until(() -> lou("2031-06-28").size() == 7);
    }

    private List<MimeMessage> lou(String marker) {
        return Mailbox.to(greenMail, "lou@drill.example", marker).stream().filter(m -> {
            try {
                return m.getSubject().contains("2031-06-28");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private void switched(Installation installation, DataCentre from, DataCentre to, Instant at) throws Exception {
        DataCentreSwitched event = new DataCentreSwitched(UUID.randomUUID().toString(), at, installation, from, to,
                "olga", "practice session", false);
        try (KafkaProducer<String, RapEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new RapEventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.FETCH_EVENTS, event.kafkaKey(), event)).get();
        }
    }

    private static Instant at28(int hour, int minute) {
        return LocalDateTime.of(2031, 6, 28, hour, minute).atZone(HK).toInstant();
    }

    private void feedAnswers() {
        WarnsumStub.serve("{}");
        assertThat(weather.poll()).isTrue();
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
        return statusChanges(sessionId, 2);
    }

    private List<PracticeSessionStatusChanged> statusChanges(String sessionId, int atLeast) {
        return published(Topics.PRACTICE_SESSIONS, PracticeSessionStatusChanged.class,
                c -> c.sessionId().equals(sessionId), atLeast);
    }

    /** The events of a type on a topic that match, read from its start until at least {@code atLeast} arrived. */
    private <T extends RapEvent> List<T> published(String topic, Class<T> type, Predicate<T> match, int atLeast) {
        List<T> events = new java.util.ArrayList<>();
        try (KafkaConsumer<String, RapEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new RapEventDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(MAIL_WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (type.isInstance(r.value()) && match.test(type.cast(r.value()))) {
                        events.add(type.cast(r.value()));
                    }
                });
                return events.size() >= atLeast;
            });
        }
        return events;
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }
}
