package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.ingest.EventStore;
import io.raprelay.catalog.ingest.IncomingEvent;
import io.raprelay.catalog.schedule.OverdueCheck;
import io.raprelay.catalog.support.CatalogSetup;
import io.raprelay.catalog.support.TopicReader;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.ReportOverdue;
import io.raprelay.contracts.ReportOverdueResolved;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.TestTokens;
import io.restassured.http.ContentType;

/**
 * Completeness of a business day after a public holiday (National Day, 1 October 2025) against the shipped schedule:
 * one report late, one missing (its practice-session copy does not count), one unexpected; the missing one is
 * announced once as ReportOverdue.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class CompletenessTest {

    private static final ZoneId HK = ZoneId.of("Asia/Hong_Kong");
    private static final LocalDate DAY = LocalDate.of(2025, 10, 2);
    /**
     * The shipped schedule in force from the CCMS go-live (V6 migration): its once-a-day HKSCC reports with the time
     * each is fetched, before its deadline.
     */
    private static final Map<String, String> ON_TIME = Map.of("CSEMS08", "08:40", "CCLID01", "11:00", "RMAMP01",
            "11:40", "RMAMR01", "11:40", "CIPSI02", "16:35", "CSEMA08", "16:40", "CCMDS01", "18:00");

    @Inject
    EventStore store;
    @Inject
    OverdueCheck overdue;
    @Inject
    MeterRegistry metrics;
    @InjectKafka
    String bootstrapServers;

    @Test
    void aDayAfterAHolidayShowsLateMissingAndUnexpectedReportsRunByRunAndAnnouncesEachMissingOneOnce() {
        List<IncomingEvent> events = new ArrayList<>();
        ON_TIME.forEach((code, time) -> events.add(arrival(ClearingHouse.HKSCC, code, "", time, false, events)));
        events.add(arrival(ClearingHouse.HKCC, "CCMDS01", "", "18:10", false, events));
        events.add(arrival(ClearingHouse.SEOCH, "CCMDS01", "", "18:20", false, events));
        events.add(arrival(ClearingHouse.HKSCC, "CCLTN05", "", "19:45", false, events)); // deadline 19:00: late
        events.add(arrival(ClearingHouse.HKSCC, "RPF01", "", "21:10", true, events)); // a practice copy: missing
        events.add(arrival(ClearingHouse.HKSCC, "CXXXX99", "", "10:00", false, events)); // nothing expects it
        // RMAMR03: the 11:30 run whole, the 14:30 run's data zip after its deadline, the 17:15 run without its data
        // zip, the 21:00 run whole; a run no schedule names is unexpected.
        events.add(arrival(ClearingHouse.HKSCC, "RMAMR03", "_1130_CTL", "11:35", false, events));
        events.add(arrival(ClearingHouse.HKSCC, "RMAMR03", "_1130_DAT", "11:36", false, events));
        events.add(arrival(ClearingHouse.HKSCC, "RMAMR03", "_1430_CTL", "14:35", false, events));
        events.add(arrival(ClearingHouse.HKSCC, "RMAMR03", "_1430_DAT", "15:45", false, events));
        events.add(arrival(ClearingHouse.HKSCC, "RMAMR03", "_1715_CTL", "17:20", false, events));
        events.add(arrival(ClearingHouse.HKSCC, "RMAMR03", "_2100_DAT", "21:05", false, events));
        events.add(arrival(ClearingHouse.HKSCC, "RMAMR03", "_2100_CTL", "21:06", false, events));
        events.add(arrival(ClearingHouse.HKSCC, "RMAMR03", "_1300_CTL", "13:05", false, events));
        store.apply(events);

        int goLive = given().auth().oauth2(token("auditor")).when().get("/api/schedule?date=" + DAY).then()
                .statusCode(200).body("expected", hasSize(15)).extract().path("version");
        given().auth().oauth2(token("auditor")).when().get("/api/completeness/" + DAY).then().statusCode(200)
                .body("businessDay", equalTo(true))
                .body("scheduleVersion", equalTo(goLive))
                .body("expected", hasSize(15))
                .body("summary.received", equalTo(11))
                .body("summary.late", equalTo(2))
                .body("summary.missing", equalTo(2))
                .body("summary.unexpected", equalTo(2))
                .body("expected.find { it.reportCode == 'CCLTN05' }.status", equalTo("LATE"))
                .body("expected.find { it.reportCode == 'CCLTN05' }.deadline", equalTo("2025-10-02T11:00:00Z"))
                .body("expected.find { it.reportCode == 'RPF01' }.status", equalTo("MISSING"))
                .body("expected.find { it.reportCode == 'CCMDS01' && it.clearingHouse == 'SEOCH' }.status",
                        equalTo("RECEIVED"))
                .body("expected.find { it.run == '1130' }.status", equalTo("RECEIVED"))
                .body("expected.find { it.run == '1130' }.receivedAt", equalTo("2025-10-02T03:36:00Z"))
                .body("expected.find { it.run == '1430' }.status", equalTo("LATE"))
                .body("expected.find { it.run == '1715' }.status", equalTo("MISSING"))
                .body("expected.find { it.run == '1715' }.missingParts", equalTo(List.of("DAT")))
                .body("expected.find { it.run == '2100' }.status", equalTo("RECEIVED"))
                .body("unexpected.reportCode", equalTo(List.of("CXXXX99", "RMAMR03")));

        // Before the go-live the first shipped version holds: CCMS for HKSCC only, RMAMR03 once a day.
        given().auth().oauth2(token("auditor")).when().get("/api/completeness/2025-07-18").then().statusCode(200)
                .body("scheduleVersion", equalTo(1)).body("expected", hasSize(10))
                .body("expected.findAll { it.reportCode == 'CCMDS01' }", hasSize(1));
        given().auth().oauth2(token("operator")).when().get("/api/completeness/2025-10-01").then().statusCode(200)
                .body("businessDay", equalTo(false))
                .body("closedReason", equalTo("National Day"))
                .body("expected", hasSize(0));

        Instant nextMorning = LocalDateTime.of(2025, 10, 3, 8, 0).atZone(HK).toInstant();
        double overdueBefore = overdueCount(ClearingHouse.HKSCC);
        double hkccBefore = overdueCount(ClearingHouse.HKCC);
        assertThat(overdue.check(nextMorning)).isEqualTo(2);
        assertThat(overdue.check(nextMorning.plusSeconds(60))).isZero();
        assertThat(overdueCount(ClearingHouse.HKSCC)).as("raprelay_catalog_reports_overdue_total")
                .isEqualTo(overdueBefore + 2);
        assertThat(overdueCount(ClearingHouse.HKCC)).isEqualTo(hkccBefore);

        List<ReportOverdue> announced = overdueFor(DAY, 2);
        assertThat(announced).extracting(ReportOverdue::reportCode, ReportOverdue::run)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("RPF01", null),
                        org.assertj.core.groups.Tuple.tuple("RMAMR03", "1715"));
        ReportOverdue rpf = announced.stream().filter(o -> o.run() == null).findFirst().orElseThrow();
        assertThat(rpf.clearingHouse()).isEqualTo(ClearingHouse.HKSCC);
        assertThat(rpf.deadline()).isEqualTo(Instant.parse("2025-10-02T13:30:00Z"));
        assertThat(rpf.scheduleVersion()).isEqualTo(goLive);

        // RPF01 arrives the next morning: its notice is resolved once ("arrived late"), the 17:15 run's stays open
        IncomingEvent lateRpf = arrival(ClearingHouse.HKSCC, "RPF01", "", "21:10", false, events);
        Instant arrivedAt = nextMorning.plusSeconds(600);
        ReportArrived arrived = (ReportArrived) lateRpf.event();
        store.apply(List.of(new IncomingEvent(new ReportArrived(arrived.eventId(), arrived.reportId(),
                arrived.reportKey(), arrived.clearingHouse(), arrived.sourceSystem(), arrived.reportCode(),
                arrived.participant(), arrived.businessDate(), arrived.fileName(), arrived.remotePath(),
                arrived.size(), arrived.sha256(), arrivedAt.minusSeconds(30), arrivedAt, arrived.installation(),
                arrived.account(), arrived.dataCentre(), arrived.host(), arrived.archiveLocation(),
                arrived.mediaType(), false), Topics.REPORTS, 0, 2_000)));
        assertThat(overdue.check(arrivedAt.plusSeconds(5))).isEqualTo(1);
        assertThat(overdue.check(arrivedAt.plusSeconds(65))).isZero();
        List<ReportOverdueResolved> resolved = TopicReader.read(bootstrapServers, Topics.REPORT_OVERDUE,
                found -> found.stream().anyMatch(e -> e instanceof ReportOverdueResolved r
                        && r.overdueEventId().equals(rpf.eventId())),
                Duration.ofSeconds(2)).stream()
                .filter(e -> e instanceof ReportOverdueResolved r && r.businessDate().equals(DAY))
                .map(ReportOverdueResolved.class::cast).toList();
        assertThat(resolved).singleElement().satisfies(r -> {
            assertThat(r.overdueEventId()).isEqualTo(rpf.eventId());
            assertThat(r.kafkaKey()).isEqualTo(rpf.kafkaKey());
            assertThat(r.reportCode()).isEqualTo("RPF01");
            assertThat(r.arrivedAt()).isEqualTo(arrivedAt);
            assertThat(r.deadline()).isEqualTo(rpf.deadline());
            assertThat(r.reportKeys()).containsExactly(arrived.reportKey());
        });
    }

    private double overdueCount(ClearingHouse house) {
        return metrics.get("raprelay.catalog.reports.overdue").tags("clearing_house", house.name()).counter().count();
    }

    /**
     * A configured practice window (the test profile's: Saturday 4 October 2025, 09:00-12:00 Hong Kong time): a report
     * fetched only inside it is not counted; one re-issued after it counts from the re-issue.
     */
    @Test
    void reportsFetchedInAPracticeWindowCountOnlyFromAVersionFetchedOutsideIt() {
        LocalDate saturday = LocalDate.of(2025, 10, 4);
        List<IncomingEvent> events = new ArrayList<>();
        events.add(arrival(saturday, "CPRAC01", "10:00", "", events)); // only in the window
        events.add(arrival(saturday, "CPRAC02", "10:30", "", events)); // in the window, then re-issued after it
        events.add(arrival(saturday, "CPRAC02", "13:00", "-reissue", events));
        events.add(arrival(saturday, "CPRAC03", "14:00", "", events)); // after the window
        store.apply(events);

        given().auth().oauth2(token("auditor")).when().get("/api/completeness/" + saturday).then().statusCode(200)
                .body("businessDay", equalTo(false))
                .body("summary.unexpected", equalTo(2))
                .body("unexpected.reportCode", equalTo(List.of("CPRAC02", "CPRAC03")))
                .body("unexpected.receivedAt", equalTo(List.of("2025-10-04T05:00:00Z", "2025-10-04T06:00:00Z")));
    }

    @Test
    void anOperatorMovesTheTentativeGoLiveAndTheDaysBetweenFollowTheEarlierVersion() {
        int goLive = given().auth().oauth2(token("auditor")).when().get("/api/schedule?date=2025-07-21").then()
                .statusCode(200).body("effectiveFrom", equalTo("2025-07-21")).extract().path("version");
        String move = """
                {"effectiveFrom": "%s", "reason": "HKEX confirmed the CCMS go-live for HKCC and SEOCH"}""";
        given().auth().oauth2(token("auditor")).contentType(ContentType.JSON).body(move.formatted("2025-07-28"))
                .when().put("/api/schedule/versions/" + goLive + "/effective-from").then().statusCode(403);
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(move.formatted("2024-12-31"))
                .when().put("/api/schedule/versions/" + goLive + "/effective-from").then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("effectiveFrom"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"effectiveFrom\": \"2025-07-28\"}")
                .when().put("/api/schedule/versions/" + goLive + "/effective-from").then().statusCode(400)
                .body("parameter", equalTo("reason"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(move.formatted("2025-07-28"))
                .when().put("/api/schedule/versions/999999/effective-from").then().statusCode(404);
        try {
            given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(move.formatted("2025-07-28"))
                    .when().put("/api/schedule/versions/" + goLive + "/effective-from").then().statusCode(200)
                    .body("effectiveFrom", equalTo("2025-07-28"))
                    .body("moves[0].from", equalTo("2025-07-21"))
                    .body("moves[0].movedBy", equalTo("alice"));
            given().auth().oauth2(token("auditor")).when().get("/api/completeness/2025-07-24").then()
                    .statusCode(200).body("scheduleVersion", equalTo(1));
            given().auth().oauth2(token("auditor")).when().get("/api/completeness/2025-07-28").then()
                    .statusCode(200).body("scheduleVersion", equalTo(goLive));
        } finally {
            given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(move.formatted("2025-07-21"))
                    .when().put("/api/schedule/versions/" + goLive + "/effective-from").then().statusCode(200);
        }
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
        given().auth().oauth2(token("auditor")).when().get("/api/schedule?date=2025-07-18").then().statusCode(200)
                .body("version", equalTo(1));

        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(entry.formatted("25:00"))
                .when().post("/api/schedule").then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("expected[0].deadlineTime"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(entry.formatted("19:30").replace("HKSCC", "NYSE")).when().post("/api/schedule").then()
                .statusCode(400).body("parameter", equalTo("expected[0].clearingHouse"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(entry.formatted("19:30").replace("\"onHalfDays\"", "\"run\": \"2460\", \"onHalfDays\"")).when()
                .post("/api/schedule").then().statusCode(400).body("parameter", equalTo("expected[0].run"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(entry.formatted("19:30").replace("CCLTN05", "x'; drop table report;--")).when()
                .post("/api/schedule").then().statusCode(400).body("parameter", equalTo("expected[0].reportCode"));
        // No body, no entries, an entry twice, 6 business days: each refused naming what to fix.
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).when().post("/api/schedule").then()
                .statusCode(400).contentType("application/problem+json").body("parameter", equalTo("body"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"effectiveFrom\": \"2032-01-01\", \"reason\": \"x\", \"expected\": []}").when()
                .post("/api/schedule").then().statusCode(400).body("parameter", equalTo("expected"));
        String twice = entry.formatted("19:30").replace("]}", ", " + entry.formatted("20:00")
                .replaceFirst("(?s).*\"expected\": \\[", ""));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(twice).when()
                .post("/api/schedule").then().statusCode(400).body("parameter", equalTo("expected[1]"))
                .body("detail", containsString("a second time"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body(entry.formatted("19:30").replace("\"deadlineBusinessDays\": 0", "\"deadlineBusinessDays\": 6"))
                .when().post("/api/schedule").then().statusCode(400)
                .body("parameter", equalTo("expected[0].deadlineBusinessDays"));
    }

    /** The ReportOverdue events of a day, once {@code atLeast} have arrived and nothing more came for 2 s. */
    private List<ReportOverdue> overdueFor(LocalDate day, int atLeast) {
        return TopicReader.read(bootstrapServers, Topics.REPORT_OVERDUE, events -> events.size() >= atLeast,
                Duration.ofSeconds(2)).stream()
                .filter(e -> e instanceof ReportOverdue o && o.businessDate().equals(day))
                .map(ReportOverdue.class::cast).toList();
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }

    /** A CCASS report of {@code day} fetched at a Hong Kong time; {@code reissue} tells versions apart. */
    private static IncomingEvent arrival(LocalDate day, String code, String fetchedAt, String reissue,
            List<IncomingEvent> before) {
        String date = day.toString().replace("-", "");
        String remotePath = "INBOX/" + date + "/" + code + "_B01234_" + date + ".txt";
        String key = "HKSCC/rapb01234/" + remotePath;
        String reportId = "r-" + UUID.nameUUIDFromBytes((key + reissue).getBytes(StandardCharsets.UTF_8));
        Instant fetched = LocalDateTime.of(day, java.time.LocalTime.parse(fetchedAt)).atZone(HK).toInstant();
        return new IncomingEvent(new ReportArrived(UUID.nameUUIDFromBytes(reportId.getBytes(StandardCharsets.UTF_8))
                .toString(), reportId, key, ClearingHouse.HKSCC, SourceSystem.CCASS, code, "B01234", day,
                remotePath.substring(remotePath.lastIndexOf('/') + 1), remotePath, 100, "a".repeat(64),
                fetched.minusSeconds(30), fetched, Installation.HKSCC, "rapb01234", DataCentre.PRIMARY,
                "10.243.2.141:18801", "file:///var/lib/rap-relay/archive/" + key, "text/plain", false),
                Topics.REPORTS, 0, 1_000 + before.size());
    }

    private static IncomingEvent arrival(ClearingHouse house, String code, String run, String fetchedAt,
            boolean practice, List<IncomingEvent> before) {
        SourceSystem system = code.startsWith("RM") || code.startsWith("RPF")
                ? SourceSystem.VAR
                : code.equals("CCMDS01") ? SourceSystem.CCMS : SourceSystem.CCASS;
        String remotePath = "INBOX/20251002/" + code + "_B01234_20251002" + run + (practice ? "_PRACTICE" : "")
                + (run.isEmpty() ? ".txt" : ".zip");
        Installation installation = house == ClearingHouse.HKSCC ? Installation.HKSCC : Installation.HKCC_SEOCH;
        String key = house + "/rapb01234/" + remotePath;
        String reportId = "r-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        Instant fetched = LocalDateTime.of(DAY, java.time.LocalTime.parse(fetchedAt)).atZone(HK).toInstant();
        return new IncomingEvent(new ReportArrived(UUID.nameUUIDFromBytes(reportId.getBytes(StandardCharsets.UTF_8))
                .toString(), reportId, key, house, system, code, "B01234", DAY,
                remotePath.substring(remotePath.lastIndexOf('/') + 1), remotePath, 100, "a".repeat(64),
                fetched.minusSeconds(30), fetched, installation, "rapb01234", DataCentre.PRIMARY,
                "10.243.2.141:18801", "file:///var/lib/rap-relay/archive/" + key, "text/plain", practice),
                Topics.REPORTS, 0, 1_000 + before.size());
    }
}
