package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.ingest.EventStore;
import io.raprelay.catalog.ingest.IncomingEvent;
import io.raprelay.catalog.support.CatalogSetup;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.LoginCheckCompleted;
import io.raprelay.contracts.NotificationDelivered;
import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.contracts.PracticeSessionStatusChanged;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.TestTokens;

/**
 * The drill evidence of a practice session on Saturday 20 June 2093 (practice business date Friday 19 June), from the
 * events the catalog consumed: parts, decisions, switches, login checks, practice downloads cross-checked against the
 * production copies (same, different, missing on either side) and the notices sent, as JSON and as CSV.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class DrillEvidenceTest {

    private static final ZoneId HK = ZoneId.of("Asia/Hong_Kong");
    private static final LocalDate SESSION_DAY = LocalDate.of(2093, 6, 20);
    private static final LocalDate FRIDAY = LocalDate.of(2093, 6, 19);

    @Inject
    EventStore store;

    @Test
    void theEvidenceOfASessionPairsEachPracticeReportWithItsProductionCopyAndListsWhoDidAndWasToldWhat() {
        String session = "evidence-" + UUID.randomUUID().toString().substring(0, 8);
        List<RapEvent> events = new ArrayList<>();
        List<PracticeSessionConfigured.Part> parts = List.of(
                new PracticeSessionConfigured.Part("Part 1", at(14, 0), at(16, 0), DataCentre.SECONDARY),
                new PracticeSessionConfigured.Part("Part 2", at(18, 0), at(19, 0), DataCentre.PRIMARY));
        events.add(new PracticeSessionConfigured(id(), at(9, 0).minusSeconds(86_400 * 10), session, SESSION_DAY, 1,
                List.of(parts.get(0)), false, "alice", null));
        events.add(new PracticeSessionConfigured(id(), at(9, 0).minusSeconds(86_400 * 5), session, SESSION_DAY, 2,
                parts, false, "alice", "part 2 added by HKEX's notice"));
        events.add(new PracticeSessionStatusChanged(id(), at(9, 0), session, SESSION_DAY,
                PracticeSessionStatus.PROCEEDING, PracticeSessionStatus.SCHEDULED, at(9, 0), null, null, null,
                "No signal in force at 09:00: the session goes ahead.", false));
        events.add(new DataCentreSwitched(id(), at(13, 55), Installation.HKSCC, DataCentre.PRIMARY,
                DataCentre.SECONDARY, "olga", "practice session part 1", false));
        events.add(new DataCentreSwitched(id(), at(16, 5), Installation.HKSCC, DataCentre.SECONDARY,
                DataCentre.PRIMARY, "olga", "practice session part 2", false));
        events.add(new LoginCheckCompleted(id(), at(18, 10), Installation.HKSCC, DataCentre.PRIMARY,
                LoginCheckCompleted.Occasion.IN_PART, session, SESSION_DAY, "Part 2", true,
                List.of(new LoginCheckCompleted.HostResult("10.243.2.141:18801", "rapb01234", true, true, 2, null))));
        // Production copies of Friday's reports, fetched on Friday.
        events.add(arrival(null, "CCLTN05", "a", LocalDateTime.of(FRIDAY, LocalTime.of(20, 5))));
        events.add(arrival(null, "CSEMA08", "b", LocalDateTime.of(FRIDAY, LocalTime.of(16, 35))));
        events.add(arrival(null, "CIPSI02", "c", LocalDateTime.of(FRIDAY, LocalTime.of(18, 5))));
        // Practice copies in part 1: one the same as production, one different, one production never had.
        events.add(arrival(session, "CCLTN05", "a", LocalDateTime.of(SESSION_DAY, LocalTime.of(14, 5))));
        events.add(arrival(session, "CSEMA08", "d", LocalDateTime.of(SESSION_DAY, LocalTime.of(14, 6))));
        events.add(arrival(session, "CCLID01", "e", LocalDateTime.of(SESSION_DAY, LocalTime.of(14, 7))));
        events.add(new NotificationDelivered("delivery-" + UUID.randomUUID(), at(9, 0).plusSeconds(3), 7,
                "practice:" + session + ":DECISION_0900:1750467600000", "rap.practice-session.status-changed.v1",
                session, 3, "Kit Lau", NotificationDelivered.Channel.EMAIL, "k***@drill.example", "CRITICAL",
                "[RAP Relay] Practice session 2025-06-21: PROCEEDING (09:00 decision)",
                NotificationDelivered.Outcome.SENT, 1));
        events.add(new NotificationDelivered("delivery-" + UUID.randomUUID(), at(9, 0).plusSeconds(90), 8,
                "practice:" + session + ":DECISION_0900:1750467600000", "rap.practice-session.status-changed.v1",
                session, 3, "Kit Lau", NotificationDelivered.Channel.SMS, "+852****0008", "CRITICAL",
                "[RAP Relay] Practice session 2025-06-21: PROCEEDING (09:00 decision)",
                NotificationDelivered.Outcome.FAILED, 3));
        List<IncomingEvent> incoming = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            incoming.add(new IncomingEvent(events.get(i), "rap.test", 0, 50_000 + i));
        }
        store.apply(incoming);

        String path = "/api/practice-sessions/" + session + "/evidence";
        given().auth().oauth2(token("auditor")).when().get(path).then().statusCode(200)
                .body("revision", equalTo(2))
                .body("parts", hasSize(2))
                .body("parts[1].dataCentre", equalTo("PRIMARY"))
                .body("practiceBusinessDate", equalTo("2093-06-19"))
                .body("statusChanges[0].status", equalTo("PROCEEDING"))
                .body("dataCentreSwitches.operator", equalTo(List.of("olga", "olga")))
                .body("dataCentreSwitches[0].to", equalTo("SECONDARY"))
                .body("loginChecks[0].part", equalTo("Part 2"))
                .body("loginChecks[0].passed", equalTo(true))
                .body("practiceReports", hasSize(3))
                .body("practiceReports[0].part", equalTo("Part 1"))
                .body("practiceReports[0].dataCentre", equalTo("SECONDARY"))
                .body("crossCheck.find { it.fileName.startsWith('CCLTN05') }.result", equalTo("SAME"))
                .body("crossCheck.find { it.fileName.startsWith('CSEMA08') }.result", equalTo("DIFFERENT"))
                .body("crossCheck.find { it.fileName.startsWith('CCLID01') }.result", equalTo("PRACTICE_ONLY"))
                .body("crossCheck.find { it.fileName.startsWith('CIPSI02') }.result", equalTo("PRODUCTION_ONLY"))
                .body("summary.same", equalTo(1))
                .body("summary.noticesSent", equalTo(1))
                .body("summary.noticesFailed", equalTo(1))
                .body("notices[0].contact", equalTo("Kit Lau"))
                .body("notices[1].address", equalTo("+852****0008"));

        String csv = given().auth().oauth2(token("auditor")).when().get(path + "/export").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv.lines().findFirst()).contains(
                "section,at,installation,dataCentre,item,detail,practiceSha256,productionSha256,result");
        assertThat(csv.lines().filter(l -> l.startsWith("cross-check,"))).hasSize(4);
        assertThat(csv.lines().filter(l -> l.startsWith("part,"))).hasSize(2);
        assertThat(csv).contains("login-check,").contains(",PASSED").contains("notice,").contains(",FAILED")
                .contains("data-centre-switch,").contains(",DIFFERENT").contains(",PRODUCTION_ONLY");

        given().auth().oauth2(token("auditor")).when().get("/api/practice-sessions/no-such-drill/evidence").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token("auditor")).when().get("/api/practice-sessions/bad%20id!/evidence").then()
                .statusCode(400).contentType("application/problem+json").body("parameter", equalTo("id"));
        given().auth().oauth2(TestTokens.of("bob", "downstream")).when()
                .get(path).then().statusCode(403);
        given().when().get(path).then().statusCode(401);
    }

    private static ReportArrived arrival(String session, String code, String hashChar, LocalDateTime fetched) {
        String remotePath = "INBOX/20930619/" + code + "_B01234_20930619.txt";
        String productionKey = "HKSCC/rapb01234/" + remotePath;
        String key = (session == null ? "" : "practice/" + session + "/") + productionKey;
        Instant at = fetched.atZone(HK).toInstant();
        boolean practice = session != null;
        return new ReportArrived(id(), "r-" + UUID.randomUUID(), key, ClearingHouse.HKSCC, SourceSystem.CCASS, code,
                "B01234", FRIDAY, code + "_B01234_20930619.txt", remotePath, 100, hashChar.repeat(64),
                at.minusSeconds(60), at, Installation.HKSCC, "rapb01234",
                practice ? DataCentre.SECONDARY : DataCentre.PRIMARY,
                practice ? "10.243.66.141:18801" : "10.243.2.141:18801",
                "file:///var/lib/rap-relay/archive/" + key, "text/plain", practice, session);
    }

    private static Instant at(int hour, int minute) {
        return LocalDateTime.of(SESSION_DAY, LocalTime.of(hour, minute)).atZone(HK).toInstant();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }
}
