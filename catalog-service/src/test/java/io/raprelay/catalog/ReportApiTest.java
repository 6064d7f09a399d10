package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.ingest.EventStore;
import io.raprelay.catalog.ingest.IncomingEvent;
import io.raprelay.catalog.support.CatalogSetup;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Search and detail over indexed reports: filters, stable keyset paging, roles, and bad parameters as 400. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReportApiTest {

    /** Business dates only this test uses, so the other tests' reports stay out of its results. */
    private static final LocalDate MON = LocalDate.of(2031, 3, 3);
    private static final LocalDate TUE = LocalDate.of(2031, 3, 4);
    private static final String HKCC_SECONDARY_SHA = "9".repeat(64);

    @Inject
    EventStore store;

    private static boolean seeded;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        List<IncomingEvent> events = new ArrayList<>();
        long offset = 0;
        for (LocalDate day : List.of(MON, TUE)) {
            for (int i = 0; i < 5; i++) {
                events.add(incoming(arrival(ClearingHouse.HKSCC, SourceSystem.CCASS, "CCLTN05", day, i,
                        DataCentre.PRIMARY, sha(day, i)), offset++));
            }
            events.add(incoming(arrival(ClearingHouse.HKCC, SourceSystem.DCASS, "DCSIM01", day, 9,
                    day.equals(TUE) ? DataCentre.SECONDARY : DataCentre.PRIMARY,
                    day.equals(TUE) ? HKCC_SECONDARY_SHA : sha(day, 9)), offset++));
        }
        store.apply(events);
        seeded = true;
    }

    @Test
    void filtersNarrowTheResult() {
        search("from=2031-03-03&to=2031-03-04&clearingHouse=HKSCC").body("items", hasSize(10));
        search("from=2031-03-04&to=2031-03-04").body("items", hasSize(6));
        search("from=2031-03-03&to=2031-03-04&clearingHouse=HKCC").body("items", hasSize(2))
                .body("items[0].sourceSystem", equalTo("DCASS"));
        search("from=2031-03-03&to=2031-03-04&sourceSystem=ccass&reportCode=CCLTN05").body("items", hasSize(10));
        search("from=2031-03-03&to=2031-03-04&dataCentre=SECONDARY").body("items", hasSize(1))
                .body("items[0].latest.host", equalTo("10.152.14.141:18801"));
        search("sha256=" + HKCC_SECONDARY_SHA).body("items", hasSize(1))
                .body("items[0].businessDate", equalTo(TUE.toString()));
        search("from=2031-03-03&to=2031-03-04&account=rapother").body("items", hasSize(0));
    }

    @Test
    void pagesFollowEachOtherWithoutGapOrRepeatWhileNewReportsArrive() {
        List<String> seen = new ArrayList<>();
        JsonPath page = search("from=2031-03-03&to=2031-03-04&limit=5").extract().jsonPath();
        seen.addAll(page.getList("items.reportKey"));
        // A report arrives for the earlier day, before the current page boundary: it does not shift later pages.
        store.apply(List.of(incoming(arrival(ClearingHouse.SEOCH, SourceSystem.DCASS, "AAA_LATE", MON, 0,
                DataCentre.PRIMARY, "0".repeat(64)), 99)));
        String cursor = page.getString("nextCursor");
        while (cursor != null) {
            page = search("from=2031-03-03&to=2031-03-04&limit=5&cursor=" + cursor).extract().jsonPath();
            seen.addAll(page.getList("items.reportKey"));
            cursor = page.getString("nextCursor");
        }
        assertThat(seen).hasSize(12).doesNotHaveDuplicates();
        assertThat(seen).noneMatch(key -> key.contains("AAA_LATE"));
    }

    @Test
    void detailListsEveryVersionWithItsProvenance() {
        String key = arrival(ClearingHouse.HKSCC, SourceSystem.CCASS, "CCLTN05", MON, 1, DataCentre.PRIMARY,
                sha(MON, 1)).reportKey();
        given().auth().oauth2(token("auditor")).when().get("/api/reports/" + key)
                .then().statusCode(200)
                .body("report.reportKey", equalTo(key))
                .body("versions", hasSize(1))
                .body("versions[0].sha256", equalTo(sha(MON, 1)))
                .body("versions[0].kafkaTopic", equalTo(Topics.REPORTS))
                .body("versions[0].dataCentre", equalTo("PRIMARY"))
                .body("versions[0].archiveLocation", containsString("/archive/"));
        given().auth().oauth2(token("auditor")).when().get("/api/reports/HKSCC/nobody/INBOX/none.txt")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("HKSCC/nobody/INBOX/none.txt"));
    }

    @Test
    void onlyTheCatalogsRolesMayRead() {
        given().when().get("/api/reports").then().statusCode(401);
        given().auth().oauth2(token("guest")).when().get("/api/reports").then().statusCode(403);
        for (String role : List.of("auditor", "operator", "admin")) {
            given().auth().oauth2(token(role)).when().get("/api/reports?limit=1").then().statusCode(200);
        }
    }

    @Test
    void newestFirstPagesRunBackwardsWithoutGapOrRepeat() {
        List<String> oldestFirst = search("from=2031-03-03&to=2031-03-04&limit=500").extract().jsonPath()
                .getList("items.reportKey");
        List<String> seen = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = search("from=2031-03-03&to=2031-03-04&sort=-businessDate&limit=4"
                    + (cursor == null ? "" : "&cursor=" + cursor)).extract().jsonPath();
            seen.addAll(page.getList("items.reportKey"));
            dates.addAll(page.getList("items.businessDate"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(oldestFirst);
        assertThat(dates.get(0)).isEqualTo(TUE.toString());
        assertThat(dates).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void statusTellsReissuedReportsFromOriginals() {
        LocalDate wed = LocalDate.of(2031, 3, 5);
        store.apply(List.of(
                incoming(arrival(ClearingHouse.HKSCC, SourceSystem.CCASS, "CIPSI02", wed, 1, DataCentre.PRIMARY,
                        "1".repeat(64)), 200),
                incoming(arrival(ClearingHouse.HKSCC, SourceSystem.CCASS, "CIPSI02", wed, 2, DataCentre.PRIMARY,
                        "2".repeat(64)), 201),
                incoming(arrival(ClearingHouse.HKSCC, SourceSystem.CCASS, "CIPSI02", wed, 2, DataCentre.PRIMARY,
                        "3".repeat(64)), 202)));

        search("from=2031-03-05&to=2031-03-05&status=REISSUED").body("items", hasSize(1))
                .body("items[0].reportKey", containsString("CIPSI02_P2_"));
        search("from=2031-03-05&to=2031-03-05&status=original").body("items", hasSize(1))
                .body("items[0].reportKey", containsString("CIPSI02_P1_"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "status=LOST | status",
            "sort=fetchedAt | sort",
            "from=2031-13-01 | from",
            "to=2031-03-03x | to",
            "clearingHouse=NYSE | clearingHouse",
            "dataCentre=TERTIARY | dataCentre",
            "limit=501 | limit",
            "limit=0 | limit",
            "limit=ten | limit",
            "cursor=%%%not-base64 | cursor",
            "cursor=bm8tYmFy | cursor",
            "reportCode=CCLTN05';drop table report;-- | reportCode",
            "sha256=xyz | sha256",
            "practice=maybe | practice",
            "practiceSession=a/b | practiceSession"})
    void badParametersAreRefusedNamingTheParameter(String query, String parameter) {
        int eq = query.indexOf('=');
        given().auth().oauth2(token("auditor")).queryParam(query.substring(0, eq), query.substring(eq + 1))
                .when().get("/api/reports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("parameter", equalTo(parameter))
                .body("detail", containsString(parameter));
    }

    @Test
    void theWholeResultExportsAsCsv() {
        String csv = given().auth().oauth2(token("auditor")).accept("text/csv").when()
                .get("/api/reports/export?from=2031-03-03&to=2031-03-04&clearingHouse=HKCC")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("reports.csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("reportKey,clearingHouse,sourceSystem");
        assertThat(lines.get(2)).contains(HKCC_SECONDARY_SHA).contains("SECONDARY").contains("DCASS");
        // The export is not paged, whatever the API's page size.
        String all = given().auth().oauth2(token("auditor")).accept("text/csv").when()
                .get("/api/reports/export?from=2031-03-03&to=2031-03-04").then().statusCode(200).extract()
                .asString();
        assertThat(all.lines().count()).isGreaterThanOrEqualTo(13);
        given().auth().oauth2(token("auditor")).when().get("/api/reports/export?clearingHouse=NYSE")
                .then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("clearingHouse"));
    }

    @Test
    void practiceDownloadsAreKeptApartAndListedOnlyWhenAsked() {
        LocalDate day = LocalDate.of(2031, 4, 2);
        ReportArrived production = arrival(ClearingHouse.HKSCC, SourceSystem.CCASS, "CCLTN05", day, 1,
                DataCentre.PRIMARY, sha(day, 1));
        ReportArrived practice = practice(arrival(ClearingHouse.HKSCC, SourceSystem.CCASS, "CCLTN05", day, 1,
                DataCentre.SECONDARY, sha(day, 2)), "drill-2031");
        store.apply(List.of(incoming(production, 200), incoming(practice, 201)));

        // The production report keeps its one version: the practice file of the same name is not a re-issue.
        given().auth().oauth2(token("auditor")).when().get("/api/reports/" + production.reportKey())
                .then().statusCode(200).body("versions", hasSize(1))
                .body("versions[0].sha256", equalTo(sha(day, 1))).body("report.practiceSessionId", nullValue());
        search("from=2031-04-02&to=2031-04-02").body("items", hasSize(1))
                .body("items[0].reportKey", equalTo(production.reportKey()));
        search("from=2031-04-02&to=2031-04-02&practice=only").body("items", hasSize(1))
                .body("items[0].reportKey", equalTo("practice/drill-2031/" + production.reportKey()))
                .body("items[0].practiceSessionId", equalTo("drill-2031"))
                .body("items[0].latest.practiceSession", equalTo(true))
                .body("items[0].latest.sha256", equalTo(sha(day, 2)));
        search("from=2031-04-02&to=2031-04-02&practice=include").body("items", hasSize(2));
        search("practiceSession=drill-2031").body("items", hasSize(1));
        search("practiceSession=another-drill").body("items", hasSize(0));
    }

    @Test
    void aRangeEndingBeforeItStartsIsRefused() {
        given().auth().oauth2(token("auditor")).when().get("/api/reports?from=2031-03-04&to=2031-03-03")
                .then().statusCode(400).contentType("application/problem+json").body("parameter", equalTo("to"));
    }

    private static io.restassured.response.ValidatableResponse search(String query) {
        return given().auth().oauth2(token("auditor")).accept(ContentType.JSON).when().get("/api/reports?" + query)
                .then().statusCode(200).body("items.findAll { it.latest == null }", hasSize(0))
                .body("nextCursor", query.contains("limit") ? org.hamcrest.Matchers.anything() : nullValue());
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }

    private static String sha(LocalDate day, int i) {
        return String.format("%064x", day.toEpochDay() * 100 + i);
    }

    private static IncomingEvent incoming(ReportArrived event, long offset) {
        return new IncomingEvent(event, Topics.REPORTS, 0, offset);
    }

    /** The same file as fetched in a practice session, as the fetcher publishes it. */
    private static ReportArrived practice(ReportArrived a, String session) {
        String key = "practice/" + session + "/" + a.reportKey();
        String reportId = "r-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        return new ReportArrived(UUID.nameUUIDFromBytes(reportId.getBytes(StandardCharsets.UTF_8)).toString(),
                reportId, key, a.clearingHouse(), a.sourceSystem(), a.reportCode(), a.participant(),
                a.businessDate(), a.fileName(), a.remotePath(), a.size(), a.sha256(), a.remoteModifiedAt(),
                a.fetchedAt(), a.installation(), a.account(), a.dataCentre(), a.host(),
                "file:///var/lib/rap-relay/archive/practice/" + session + "/" + a.reportKey(), a.mediaType(), true,
                session);
    }

    private static ReportArrived arrival(ClearingHouse house, SourceSystem system, String code, LocalDate day, int n,
            DataCentre dataCentre, String sha256) {
        Installation installation = house == ClearingHouse.HKSCC ? Installation.HKSCC : Installation.HKCC_SEOCH;
        String account = switch (house) {
            case HKSCC -> "rapb01234";
            case HKCC -> "raphkcc01";
            case SEOCH -> "rapseoch01";
        };
        String date = day.toString().replace("-", "");
        String remotePath = "INBOX/" + date + "/" + code + "_P" + n + "_" + date + ".txt";
        String key = installation + "/" + account + "/" + remotePath;
        String reportId = "r-" + UUID.nameUUIDFromBytes((key + sha256).getBytes(StandardCharsets.UTF_8));
        String host = dataCentre == DataCentre.PRIMARY ? "10.243.2.141:18801" : "10.152.14.141:18801";
        return new ReportArrived(UUID.nameUUIDFromBytes(reportId.getBytes(StandardCharsets.UTF_8)).toString(),
                reportId, key, house, system, code, "P" + n, day, remotePath.substring(remotePath.lastIndexOf('/') + 1),
                remotePath, 100 + n, sha256, day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                Instant.parse("2031-03-05T00:00:00Z"), installation, account, dataCentre, host,
                "file:///var/lib/rap-relay/archive/" + key, "text/plain", false);
    }
}
