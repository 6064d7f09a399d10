package io.raprelay.fetcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.LoginCheckCompleted;
import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.fetcher.practice.PracticeCalendar;
import io.raprelay.fetcher.site.LoginCheck;
import io.raprelay.fetcher.support.EventCollector;
import io.raprelay.fetcher.support.InjectRapSimulator;
import io.raprelay.fetcher.support.PracticeSchedules;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.simulator.host.RapHost;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.oidc.TestTokens;

/**
 * Login checks against the simulator's real SFTP hosts: the standby pre-check the business day before a session and
 * on its day (every account logs in and lists on both secondary hosts of each installation, once per occasion; a host
 * that refuses the login fails it, naming the host), ten minutes into a part on the part's data centre, and on an
 * operator's demand.
 */
@QuarkusTest
@Order(5)
class LoginCheckTest {

    private static final ZoneId HK = ZoneId.of("Asia/Hong_Kong");
    /** A Saturday: the business day before is Friday 21 June 2097. */
    private static final LocalDate SESSION_DAY = LocalDate.of(2097, 6, 22);

    static EventCollector events;

    @InjectKafka
    String bootstrapServers;
    @InjectRapSimulator
    RapSimulator simulator;
    @Inject
    LoginCheck standby;
    @Inject
    PracticeCalendar calendar;

    @AfterAll
    static void close() {
        if (events != null) {
            events.close();
        }
    }

    @Test
    void theDayBeforeAndOnTheDayEverySecondaryHostIsLoggedIntoAndListedAndARefusedLoginFailsTheCheck()
            throws Exception {
        String session = "standby-" + UUID.randomUUID().toString().substring(0, 8);
        List<PracticeSessionConfigured.Part> parts = List.of(new PracticeSessionConfigured.Part("Part 1",
                at(SESSION_DAY, 14, 0), at(SESSION_DAY, 16, 0), DataCentre.SECONDARY));
        PracticeSchedules.publish(bootstrapServers, new PracticeSessionConfigured(UUID.randomUUID().toString(),
                Instant.now(), session, SESSION_DAY, 1, parts, false, "alice", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> calendar.sessions().stream()
                .anyMatch(s -> s.sessionId().equals(session)));
        LocalDate friday = SESSION_DAY.minusDays(1);
        RapHost refusing = simulator.host(Installation.HKSCC, DataCentre.SECONDARY, 2);
        try {
            assertThat(standby.due(at(friday, 9, 59))).as("not before 10:00").isEmpty();
            List<LoginCheckCompleted> dayBefore = standby.due(at(friday, 10, 0));
            assertThat(dayBefore).extracting(LoginCheckCompleted::installation)
                    .containsExactlyInAnyOrder(Installation.HKSCC, Installation.HKCC_SEOCH);
            assertThat(dayBefore).allSatisfy(check -> {
                assertThat(check.passed()).isTrue();
                assertThat(check.occasion()).isEqualTo(LoginCheckCompleted.Occasion.DAY_BEFORE);
                assertThat(check.practiceSessionId()).isEqualTo(session);
                assertThat(check.results()).extracting(LoginCheckCompleted.HostResult::host)
                        .as("both secondary hosts").containsAll(secondaryAddresses(check.installation()));
                assertThat(check.results()).allSatisfy(r -> {
                    assertThat(r.loggedIn()).isTrue();
                    assertThat(r.listed()).isTrue();
                    assertThat(r.entries()).isPositive();
                });
            });
            assertThat(standby.due(at(friday, 10, 5))).as("once per occasion").isEmpty();

            refusing.refuseLogins(true);
            List<LoginCheckCompleted> onTheDay = standby.due(at(SESSION_DAY, 9, 0));
            LoginCheckCompleted hkscc = onTheDay.stream().filter(c -> c.installation() == Installation.HKSCC)
                    .findFirst().orElseThrow();
            assertThat(hkscc.passed()).isFalse();
            assertThat(hkscc.occasion()).isEqualTo(LoginCheckCompleted.Occasion.SESSION_DAY);
            assertThat(hkscc.results()).filteredOn(r -> !r.listed()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.host()).isEqualTo("127.0.0.1:" + refusing.port());
                assertThat(r.loggedIn()).isFalse();
                assertThat(r.failure()).startsWith("login failed");
            });
            assertThat(onTheDay.stream().filter(c -> c.installation() == Installation.HKCC_SEOCH)
                    .findFirst().orElseThrow().passed()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> events().events(LoginCheckCompleted.class).stream()
                    .filter(c -> session.equals(c.practiceSessionId())).count() == 4);

            given().auth().oauth2(token("auditor")).when().post("/api/sites/HKSCC/login-check").then()
                    .statusCode(403);
            given().auth().oauth2(token("operator")).when().post("/api/sites/HKSCC/login-check").then()
                    .statusCode(200).body("occasion", equalTo("ON_DEMAND")).body("passed", equalTo(false));
            refusing.refuseLogins(false);
            given().auth().oauth2(token("operator")).when().post("/api/sites/hkscc/login-check").then()
                    .statusCode(200).body("passed", equalTo(true));
            given().auth().oauth2(token("operator")).when().post("/api/sites/NYSE/login-check").then()
                    .statusCode(400);
            given().auth().oauth2(token("operator")).when().post("/api/sites/HKSCC/login-check?dataCentre=MOON")
                    .then().statusCode(400);
            given().auth().oauth2(token("operator")).when()
                    .post("/api/sites/HKCC_SEOCH/login-check?dataCentre=primary").then().statusCode(200)
                    .body("dataCentre", equalTo("PRIMARY")).body("passed", equalTo(true));

            // Ten minutes into part 1, its data centre (the secondary) is checked: the login result of the evidence.
            assertThat(standby.due(at(SESSION_DAY, 14, 9))).isEmpty();
            assertThat(standby.due(at(SESSION_DAY, 14, 10))).allSatisfy(c -> {
                assertThat(c.occasion()).isEqualTo(LoginCheckCompleted.Occasion.IN_PART);
                assertThat(c.part()).isEqualTo("Part 1");
                assertThat(c.dataCentre()).isEqualTo(DataCentre.SECONDARY);
                assertThat(c.passed()).isTrue();
            }).hasSize(2);
            assertThat(standby.due(at(SESSION_DAY, 15, 0))).isEmpty();
        } finally {
            refusing.refuseLogins(false);
            PracticeSchedules.publish(bootstrapServers, new PracticeSessionConfigured(UUID.randomUUID().toString(),
                    Instant.now(), session, SESSION_DAY, 2, parts, true, "alice", "test over"));
        }
    }

    private List<String> secondaryAddresses(Installation installation) {
        return List.of(1, 2).stream().map(i -> simulator.host(installation, DataCentre.SECONDARY, i))
                .map(h -> "127.0.0.1:" + h.port()).toList();
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)).atZone(HK).toInstant();
    }

    private static String token(String role) {
        return TestTokens.of("alice", role);
    }

    private EventCollector events() {
        if (events == null) {
            events = new EventCollector(bootstrapServers);
        }
        return events;
    }
}
