package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.ingest.EventStore;
import io.raprelay.catalog.ingest.IncomingEvent;
import io.raprelay.catalog.schedule.OverdueCheck;
import io.raprelay.catalog.support.TopicReader;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.ReportOverdue;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.postgres.PostgresTestResource;
import io.restassured.http.ContentType;

/**
 * Completeness of a business day after a public holiday (National Day, 1 October 2025) against the shipped schedule:
 * one report late, one missing (its practice-session copy does not count), one unexpected; the missing one is
 * announced once as ReportOverdue.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "purpose", value = "catalog"))
@QuarkusTestResource(OidcWiremockTestResource.class)
class CompletenessTest {

    private static final ZoneId HK = ZoneId.of("Asia/Hong_Kong");
    private static final LocalDate DAY = LocalDate.of(2025, 10, 2);
    /** The shipped schedule's reports (V3 migration) with the deadline each is fetched before. */
    private static final Map<String, String> ON_TIME = Map.of("CSEMS08", "08:40", "CCLID01", "11:00", "RMAMP01",
            "11:40", "RMAMR01", "11:40", "CIPSI02", "16:35", "CSEMA08", "16:40", "CCMDS01", "18:00", "RMAMR03",
            "21:05");

    @Inject
    EventStore store;
    @Inject
    OverdueCheck overdue;
    @InjectKafka
    String bootstrapServers;

    @Test
    void aDayAfterAHolidayShowsLateMissingAndUnexpectedReportsAndAnnouncesTheMissingOneOnce() {
        List<IncomingEvent> events = new ArrayList<>();
        ON_TIME.forEach((code, time) -> events.add(arrival(code, time, false, events.size())));
        events.add(arrival("CCLTN05", "19:45", false, events.size())); // deadline 19:00: late
        events.add(arrival("RPF01", "21:10", true, events.size())); // a practice copy: RPF01 is still missing
        events.add(arrival("CXXXX99", "10:00", false, events.size())); // nothing expects it
        store.apply(events);

        given().auth().oauth2(token("auditor")).when().get("/api/completeness/" + DAY).then().statusCode(200)
                .body("businessDay", equalTo(true))
                .body("scheduleVersion", equalTo(1))
                .body("expected", hasSize(10))
                .body("summary.received", equalTo(8))
                .body("summary.late", equalTo(1))
                .body("summary.missing", equalTo(1))
                .body("summary.unexpected", equalTo(1))
                .body("expected.find { it.reportCode == 'CCLTN05' }.status", equalTo("LATE"))
                .body("expected.find { it.reportCode == 'CCLTN05' }.deadline", equalTo("2025-10-02T11:00:00Z"))
                .body("expected.find { it.reportCode == 'RPF01' }.status", equalTo("MISSING"))
                .body("unexpected[0].reportCode", equalTo("CXXXX99"));

        given().auth().oauth2(token("operator")).when().get("/api/completeness/2025-10-01").then().statusCode(200)
                .body("businessDay", equalTo(false))
                .body("closedReason", equalTo("National Day"))
                .body("expected", hasSize(0));

        Instant nextMorning = LocalDateTime.of(2025, 10, 3, 8, 0).atZone(HK).toInstant();
        assertThat(overdue.check(nextMorning)).isEqualTo(1);
        assertThat(overdue.check(nextMorning.plusSeconds(60))).isZero();

        List<ReportOverdue> announced = overdueFor(DAY);
        assertThat(announced).hasSize(1);
        assertThat(announced.get(0).reportCode()).isEqualTo("RPF01");
        assertThat(announced.get(0).clearingHouse()).isEqualTo(ClearingHouse.HKSCC);
        assertThat(announced.get(0).deadline()).isEqualTo(Instant.parse("2025-10-02T13:30:00Z"));
        assertThat(announced.get(0).scheduleVersion()).isEqualTo(1);
    }

    @Test
    void aRangeListsEveryDayAndIsBounded() {
        given().auth().oauth2(token("auditor")).when().get("/api/completeness?from=2025-12-24&to=2025-12-28").then()
                .statusCode(200)
                .body("", hasSize(5))
                .body("[0].halfDay", equalTo("Christmas Eve"))
                .body("[1].closedReason", equalTo("Christmas Day"))
                .body("[3].closedReason", equalTo("Saturday"));
        given().auth().oauth2(token("auditor")).when().get("/api/completeness?from=2025-01-01&to=2025-03-01").then()
                .statusCode(400).contentType("application/problem+json").body("parameter", equalTo("to"));
        given().auth().oauth2(token("auditor")).when().get("/api/completeness/2025-13-01").then()
                .statusCode(400).body("parameter", equalTo("date"));
        given().when().get("/api/completeness/2025-10-02").then().statusCode(401);
    }

    @Test
    void operatorsChangeTheScheduleAsANewVersionAndBadEntriesAreRefused() {
        String entry = """
                {"effectiveFrom": "2032-01-01", "reason": "HKEX moved the statement deadline",
                 "expected": [{"clearingHouse": "HKSCC", "sourceSystem": "CCASS", "reportCode": "CCLTN05",
                               "deadlineTime": "%s", "deadlineBusinessDays": 0, "onHalfDays": false}]}""";
        given().auth().oauth2(token("auditor")).contentType(ContentType.JSON).body(entry.formatted("19:30"))
                .when().post("/api/schedule").then().statusCode(403);
        int version = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(entry.formatted("19:30")).when().post("/api/schedule").then().statusCode(201)
                .body("createdBy", equalTo("alice")).extract().path("version");
        assertThat(version).isGreaterThan(1);
        given().auth().oauth2(token("auditor")).when().get("/api/schedule?date=2032-01-05").then().statusCode(200)
                .body("version", equalTo(version)).body("expected[0].deadlineTime", equalTo("19:30:00"));
        given().auth().oauth2(token("auditor")).when().get("/api/schedule?date=2025-10-02").then().statusCode(200)
                .body("version", equalTo(1));

        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(entry.formatted("25:00"))
                .when().post("/api/schedule").then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("expected[0].deadlineTime"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(entry.formatted("19:30").replace("HKSCC", "NYSE")).when().post("/api/schedule").then()
                .statusCode(400).body("parameter", equalTo("expected[0].clearingHouse"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(entry.formatted("19:30").replace("CCLTN05", "x'; drop table report;--")).when()
                .post("/api/schedule").then().statusCode(400).body("parameter", equalTo("expected[0].reportCode"));
    }

    /** The ReportOverdue events of a day, once one has arrived and nothing more came for 2 s. */
    private List<ReportOverdue> overdueFor(LocalDate day) {
        return TopicReader.read(bootstrapServers, Topics.REPORT_OVERDUE, events -> !events.isEmpty(),
                Duration.ofSeconds(2)).stream()
                .filter(e -> e instanceof ReportOverdue o && o.businessDate().equals(day))
                .map(ReportOverdue.class::cast).toList();
    }

    private static String token(String role) {
        return OidcWiremockTestResource.getAccessToken("alice", Set.of(role));
    }

    private static IncomingEvent arrival(String code, String fetchedAt, boolean practice, long offset) {
        SourceSystem system = code.startsWith("RM") || code.startsWith("RPF")
                ? SourceSystem.VAR
                : code.equals("CCMDS01") ? SourceSystem.CCMS : SourceSystem.CCASS;
        String remotePath = "INBOX/20251002/" + code + "_B01234_20251002" + (practice ? "_PRACTICE" : "") + ".txt";
        String key = "HKSCC/rapb01234/" + remotePath;
        String reportId = "r-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        Instant fetched = LocalDateTime.of(DAY, java.time.LocalTime.parse(fetchedAt)).atZone(HK).toInstant();
        return new IncomingEvent(new ReportArrived(UUID.nameUUIDFromBytes(reportId.getBytes(StandardCharsets.UTF_8))
                .toString(), reportId, key, ClearingHouse.HKSCC, system, code, "B01234", DAY,
                remotePath.substring(remotePath.lastIndexOf('/') + 1), remotePath, 100, "a".repeat(64),
                fetched.minusSeconds(30), fetched, Installation.HKSCC, "rapb01234", DataCentre.PRIMARY,
                "10.243.2.141:18801", "file:///var/lib/rap-relay/archive/" + key, "text/plain", practice),
                Topics.REPORTS, 0, 1_000 + offset);
    }
}
