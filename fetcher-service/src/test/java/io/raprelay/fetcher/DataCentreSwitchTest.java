package io.raprelay.fetcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.fetcher.site.DataCentreService;
import io.raprelay.fetcher.support.EventCollector;
import io.raprelay.fetcher.support.InjectRapSimulator;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.oidc.TestTokens;
import io.restassured.http.ContentType;

/** The operator's data-centre switch: who may make it, what it changes, and that it is kept. */
@QuarkusTest
@Order(3)
class DataCentreSwitchTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static EventCollector events;

    @InjectKafka
    String bootstrapServers;
    @InjectRapSimulator
    RapSimulator simulator;
    @ConfigProperty(name = "fetcher.data-dir")
    Path dataDir;
    @Inject
    DataCentreService dataCentres;

    @AfterAll
    static void close() {
        if (events != null) {
            events.close();
        }
    }

    @Test
    void onlyAnOperatorMaySwitchAndEveryoneElseIsToldWhy() {
        given().contentType(ContentType.JSON).body(switchTo("SECONDARY"))
                .when().post("/api/sites/HKSCC/data-centre")
                .then().statusCode(401);
        given().auth().oauth2(token("auditor")).contentType(ContentType.JSON).body(switchTo("SECONDARY"))
                .when().post("/api/sites/HKSCC/data-centre")
                .then().statusCode(403);
        given().auth().oauth2(token("auditor"))
                .when().get("/api/sites")
                .then().statusCode(200).body("[0].installation", notNullValue());
        given().when().get("/api/sites").then().statusCode(401);
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{\"target\":\"PRIMARY\"}")
                .when().post("/api/sites/HKSCC/data-centre")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("reason"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"target\":\"TERTIARY\",\"reason\":\"x\"}")
                .when().post("/api/sites/HKSCC/data-centre")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(switchTo("SECONDARY"))
                .when().post("/api/sites/HKEX/data-centre")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("installation"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body("{not json")
                .when().post("/api/sites/HKSCC/data-centre")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(switchTo("PRIMARY"))
                .when().post("/api/sites/HKSCC/data-centre")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void switchToSecondaryIsPublishedKeptAndFetchesFromTheSecondaryHosts() throws Exception {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(switchTo("SECONDARY"))
                .when().post("/api/sites/HKSCC/data-centre")
                .then().statusCode(200)
                .body("activeDataCentre", equalTo("SECONDARY"))
                .body("switchedBy", equalTo("alice"))
                .body("warning", containsString("SECONDARY DATA CENTRE ACTIVE"));

        DataCentreSwitched switched = await().atMost(WAIT).until(() -> events().events(DataCentreSwitched.class)
                .stream().filter(e -> e.to() == DataCentre.SECONDARY).findFirst(), Optional::isPresent).get();
        assertThat(switched.installation()).isEqualTo(Installation.HKSCC);
        assertThat(switched.from()).isEqualTo(DataCentre.PRIMARY);
        assertThat(switched.operator()).isEqualTo("alice");
        assertThat(switched.reason()).isEqualTo("practice session part 1");
        assertThat(switched.reminder()).isFalse();
        assertThat(Files.readString(dataDir.resolve("data-centres.json"))).contains("SECONDARY", "alice");

        String path = "INBOX/20250621/CCLTN05_B01234_20250621.txt";
        simulator.generator().publishZeroByte("rapb01234", path);
        ReportArrived report = await().atMost(WAIT).until(() -> events().events(ReportArrived.class).stream()
                .filter(r -> r.remotePath().equals(path)).findFirst(), Optional::isPresent).get();
        assertThat(report.dataCentre()).isEqualTo(DataCentre.SECONDARY);
        assertThat(report.host()).isEqualTo("127.0.0.1:"
                + simulator.host(Installation.HKSCC, DataCentre.SECONDARY, 1).port());

        dataCentres.remindIfOnSecondary();
        DataCentreSwitched reminder = await().atMost(WAIT).until(() -> events().events(DataCentreSwitched.class)
                .stream().filter(DataCentreSwitched::reminder).findFirst(), Optional::isPresent).get();
        assertThat(reminder.to()).isEqualTo(DataCentre.SECONDARY);
        assertThat(reminder.reason()).contains("primary");

        given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(switchTo("PRIMARY"))
                .when().post("/api/sites/HKSCC/data-centre")
                .then().statusCode(200).body("activeDataCentre", equalTo("PRIMARY")).body("warning", nullValue());
    }

    @Test
    void statusShowsEachHostAndTheKeysInUse() {
        given().auth().oauth2(token("operator"))
                .when().get("/api/sites/HKSCC")
                .then().statusCode(200)
                .body("hosts.size()", equalTo(4))
                .body("hosts[0].name", equalTo("hkscc-primary-1"))
                .body("hosts[0].pinnedHostKeyFingerprint", containsString("SHA256:"))
                .body("accounts[0].user", equalTo("rapb01234"))
                .body("accounts[0].keyFingerprint", containsString("SHA256:"));
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }

    private static String switchTo(String target) {
        return "{\"target\":\"" + target + "\",\"reason\":\"practice session part 1\"}";
    }

    private EventCollector events() {
        if (events == null) {
            events = new EventCollector(bootstrapServers);
        }
        return events;
    }
}
