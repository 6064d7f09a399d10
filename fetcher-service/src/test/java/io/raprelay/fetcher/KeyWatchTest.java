package io.raprelay.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.contracts.SshKeyWarning;
import io.raprelay.fetcher.practice.PracticeCalendar;
import io.raprelay.fetcher.site.KeyWatch;
import io.raprelay.fetcher.support.EventCollector;
import io.raprelay.fetcher.support.InjectRapSimulator;
import io.raprelay.fetcher.support.PracticeSchedules;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.simulator.host.AccountKeys;
import io.raprelay.testing.kafka.InjectKafka;

/**
 * "Please DO NOT renew SSH keys during the Practice Session": a key file replaced on a session's day is a critical
 * warning, once; a recorded expiry date is warned about ahead of time and once passed.
 */
@QuarkusTest
@Order(5)
class KeyWatchTest {

    static EventCollector events;

    @InjectKafka
    String bootstrapServers;
    @InjectRapSimulator
    RapSimulator simulator;
    @Inject
    KeyWatch keys;
    @Inject
    PracticeCalendar calendar;

    @AfterAll
    static void close() {
        if (events != null) {
            events.close();
        }
    }

    @Test
    void aKeyFileReplacedOnASessionDayIsACriticalWarningOnceAndTheRunningFetcherKeepsItsKey() throws Exception {
        Instant now = Instant.now();
        assertThat(keys.check(now)).as("nothing changed, no session near").isEmpty();

        String session = "keys-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = now.atZone(ZoneId.of("Asia/Hong_Kong")).toLocalDate();
        List<PracticeSessionConfigured.Part> parts = List.of(new PracticeSessionConfigured.Part("Part 1",
                now.plusSeconds(7200), now.plusSeconds(9000), DataCentre.SECONDARY));
        schedule(new PracticeSessionConfigured(UUID.randomUUID().toString(), now, session, today, 1, parts, false,
                "alice", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> calendar.sessions().stream()
                .anyMatch(s -> s.sessionId().equals(session)));

        Path keyFile = simulator.generatedPrivateKey("rapb01234").orElseThrow();
        byte[] original = Files.readAllBytes(keyFile);
        Path other = Files.createTempDirectory("key-watch").resolve("id_other");
        AccountKeys.writePrivateKey(AccountKeys.generate(), "renewed@participant", other);
        try {
            Files.write(keyFile, Files.readAllBytes(other));
            List<SshKeyWarning> warnings = keys.check(now);
            assertThat(warnings).singleElement().satisfies(w -> {
                assertThat(w.kind()).isEqualTo(SshKeyWarning.Kind.CHANGED_NEAR_PRACTICE);
                assertThat(w.account()).isEqualTo("rapb01234");
                assertThat(w.practiceSessionId()).isEqualTo(session);
                assertThat(w.previousFingerprint()).isNotNull().isNotEqualTo(w.fingerprint());
                assertThat(w.detail()).contains("keeps using the key it started with");
            });
            assertThat(keys.check(now)).as("once").isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> events().events(SshKeyWarning.class).stream()
                    .anyMatch(w -> w.eventId().equals(warnings.get(0).eventId())));
        } finally {
            Files.write(keyFile, original);
            schedule(new PracticeSessionConfigured(UUID.randomUUID().toString(), Instant.now(), session, today, 2,
                    parts, true, "alice", "test over"));
        }
    }

    @Test
    void aRecordedExpiryDateIsWarnedAboutAheadAndOncePassed() {
        // fetcher.accounts.rapb01234.key-expires-on=2099-01-01 in the test configuration.
        assertThat(keys.check(Instant.parse("2098-11-01T02:00:00Z"))).isEmpty();
        assertThat(keys.check(Instant.parse("2098-12-20T02:00:00Z"))).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(SshKeyWarning.Kind.EXPIRES_SOON);
            assertThat(w.expiresOn()).isEqualTo(LocalDate.of(2099, 1, 1));
            assertThat(w.detail()).contains("12 day(s)");
        });
        assertThat(keys.check(Instant.parse("2098-12-20T05:00:00Z"))).as("once a day").isEmpty();
        assertThat(keys.check(Instant.parse("2099-01-02T02:00:00Z"))).singleElement()
                .satisfies(w -> assertThat(w.kind()).isEqualTo(SshKeyWarning.Kind.EXPIRED));
    }

    private void schedule(PracticeSessionConfigured session) throws Exception {
        PracticeSchedules.publish(bootstrapServers, session);
    }

    private EventCollector events() {
        if (events == null) {
            events = new EventCollector(bootstrapServers);
        }
        return events;
    }
}
