package io.raprelay.fetcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.fetcher.practice.PracticeCalendar;
import io.raprelay.fetcher.support.EventCollector;
import io.raprelay.fetcher.support.InjectRapSimulator;
import io.raprelay.fetcher.support.PracticeSchedules;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.testing.kafka.InjectKafka;
import io.restassured.http.ContentType;

/**
 * A practice day as the fetcher lives it: it learns the session from the notifier's schedule topic; a file fetched
 * from the secondary data centre that day is a practice download (own key, own report id, own archive tree), even
 * under the name of a production report already fetched from the primary; once the session is withdrawn, nothing is
 * practice any more.
 */
@QuarkusTest
@Order(4)
class PracticeDownloadTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static EventCollector events;

    @InjectKafka
    String bootstrapServers;
    @InjectRapSimulator
    RapSimulator simulator;
    @Inject
    PracticeCalendar calendar;

    @AfterAll
    static void close() {
        if (events != null) {
            events.close();
        }
    }

    @Test
    void aFileFromTheSecondaryOnTheSessionDayIsAPracticeDownloadNeverAVersionOfProduction() throws Exception {
        Instant now = Instant.now();
        String sessionId = "drill-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = now.atZone(ZoneId.of("Asia/Hong_Kong")).toLocalDate();
        List<PracticeSessionConfigured.Part> parts = List.of(
                new PracticeSessionConfigured.Part("Part 1: download from the secondary data centre",
                        now.minusSeconds(3600), now.plusSeconds(3600), DataCentre.SECONDARY),
                new PracticeSessionConfigured.Part("Part 2: log in on the primary data centre",
                        now.plusSeconds(7200), now.plusSeconds(9000), DataCentre.PRIMARY));
        schedule(new PracticeSessionConfigured(UUID.randomUUID().toString(), now, sessionId, today, 1, parts, false,
                "alice", null));
        await().atMost(WAIT).until(() -> calendar.sessionAt(Instant.now(), DataCentre.SECONDARY).isPresent());
        given().when().get("/q/health/ready").then().body("checks.find { it.name == 'practice-schedule' }.status",
                equalTo("UP"));

        // On the primary, outside Part 2: production.
        String path = "INBOX/20250620/CCLTN05_B01234_20250620.txt";
        simulator.generator().publishZeroByte("rapb01234", path);
        ReportArrived production = arrived(path, false);
        assertThat(production.practiceSessionId()).isNull();
        assertThat(production.reportKey()).isEqualTo("HKSCC/rapb01234/" + path);

        switchTo("SECONDARY");
        try {
            // The same file, read from the secondary: a practice download of its own.
            ReportArrived practice = arrived(path, true);
            assertThat(practice.practiceSessionId()).isEqualTo(sessionId);
            assertThat(practice.reportKey()).isEqualTo("practice/" + sessionId + "/HKSCC/rapb01234/" + path);
            assertThat(practice.reportId()).isNotEqualTo(production.reportId());
            assertThat(practice.dataCentre()).isEqualTo(DataCentre.SECONDARY);
            assertThat(Path.of(URI.create(practice.archiveLocation())).toString())
                    .contains("/practice/" + sessionId + "/HKSCC/rapb01234/");
            assertThat(production.archiveLocation()).doesNotContain("/practice/");

            // Withdrawn (HKEX cancelled it): what the secondary serves now is no longer marked practice.
            schedule(new PracticeSessionConfigured(UUID.randomUUID().toString(), Instant.now(), sessionId, today, 2,
                    parts, true, "alice", "HKEX cancelled the session"));
            await().atMost(WAIT).until(() -> calendar.sessionAt(Instant.now(), DataCentre.SECONDARY).isEmpty());
            String later = "INBOX/20250620/CCLTN06_B01234_20250620.txt";
            simulator.generator().publishZeroByte("rapb01234", later);
            ReportArrived afterWithdrawal = arrived(later, false);
            assertThat(afterWithdrawal.dataCentre()).isEqualTo(DataCentre.SECONDARY);
            assertThat(afterWithdrawal.reportKey()).isEqualTo("HKSCC/rapb01234/" + later);
        } finally {
            switchTo("PRIMARY");
        }
    }

    private ReportArrived arrived(String path, boolean practice) {
        return await().atMost(WAIT).until(() -> events().events(ReportArrived.class).stream()
                .filter(r -> r.remotePath().equals(path) && r.practiceSession() == practice).findFirst(),
                Optional::isPresent).get();
    }

    private void schedule(PracticeSessionConfigured session) throws Exception {
        PracticeSchedules.publish(bootstrapServers, session);
    }

    private static void switchTo(String target) {
        given().auth().oauth2(OidcWiremockTestResource.getAccessToken("alice", Set.of("operator")))
                .contentType(ContentType.JSON)
                .body("{\"target\":\"" + target + "\",\"reason\":\"practice session\"}")
                .when().post("/api/sites/HKSCC/data-centre").then().statusCode(200);
    }

    private EventCollector events() {
        if (events == null) {
            events = new EventCollector(bootstrapServers);
        }
        return events;
    }
}
