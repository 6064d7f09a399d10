package io.raprelay.e2e;

import static io.raprelay.e2e.SystemProbe.WAIT;
import static io.raprelay.e2e.SystemProbe.awaitPartly;
import static io.raprelay.e2e.SystemProbe.catalogSha256;
import static io.raprelay.e2e.SystemProbe.catalogVersions;
import static io.raprelay.e2e.SystemProbe.contactId;
import static io.raprelay.e2e.SystemProbe.digestEntries;
import static io.raprelay.e2e.SystemProbe.failedAttempts;
import static io.raprelay.e2e.SystemProbe.listening;
import static io.raprelay.e2e.SystemProbe.mails;
import static io.raprelay.e2e.SystemProbe.noticesFor;
import static io.raprelay.e2e.SystemProbe.processedByCatalog;
import static io.raprelay.e2e.SystemProbe.publishBurst;
import static io.raprelay.e2e.SystemProbe.reports;
import static io.raprelay.e2e.SystemProbe.sentTo;
import static io.raprelay.e2e.SystemProbe.setReadOnly;
import static io.raprelay.e2e.SystemProbe.sha256;
import static io.raprelay.e2e.SystemProbe.simulatorAdmin;
import static io.raprelay.e2e.SystemProbe.sms;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.HostKeyRejected;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.Topics;
import io.raprelay.testing.contracts.MaximalEvents;

/**
 * The fault suite of issue 11 on the running system: each fault is caused, not simulated in the code, and each ends
 * with every report in the catalog exactly once with its checksum and every alert delivered once per contact and
 * channel. The matrix of what happened is written to {@code target/reliability.md} from what the suite counted
 * (docs/reliability.md is a copy of a run).
 */
@ExtendWith(WholeSystem.class)
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final Path MATRIX = Path.of("target/reliability.md");
    /** Told of nothing but escalations (a type and house nothing in the suite publishes). */
    private static final String DUTY_EMAIL = "duty-manager@participant.example";
    private static final String DUTY_MOBILE = "+85291230071";

    private final LocalSystem system = WholeSystem.system();
    private final KafkaProbe kafka = new KafkaProbe(system);

    @Test
    @Order(1)
    void catalogDatabaseReadOnlyForThirtySecondsDuringABurst() throws Exception {
        long deadLettersBefore = kafka.deadLetters("catalog");
        Map<String, String> burst = new HashMap<>(publishBurst("20251001", 11));
        awaitPartly(burst);
        setReadOnly(WholeSystem.catalogDb(), true);
        try {
            // More of the burst arrives while PostgreSQL refuses writes (a standby after a fail-over).
            burst.putAll(publishBurst("20251011", 21));
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> readiness("CATALOG_MANAGEMENT_PORT").contains("read-only"));
            assertThat(readiness("CATALOG_MANAGEMENT_PORT")).contains("read-only");
            await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(40))
                    .until(() -> readiness("CATALOG_MANAGEMENT_PORT").contains("DOWN"));
        } finally {
            setReadOnly(WholeSystem.catalogDb(), false);
        }
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> catalogSha256(burst.keySet())
                .equals(burst));
        assertThat(kafka.deadLetters("catalog")).as("nothing dead-lettered").isEqualTo(deadLettersBefore);
        FaultMatrix.row("catalog database read-only 30 s during a burst",
                "ingest paused: readiness DOWN (catalog-writes: read-only transaction), no offset committed, nothing "
                        + "dead-lettered; resumed on its own when writable",
                reports(burst, 1), 0, (int) (kafka.deadLetters("catalog") - deadLettersBefore));
    }

    /**
     * The escalated alert's deliveries, first ones and the duty manager's alike, are spans of one trace: the trace of
     * the event that raised it (the escalation is planned by a scheduler, with no trace of its own).
     */
    private void assertEscalationOnTheAlertsTrace() {
        List<Map<String, Object>> alerts = system.as("oscar", "NOTIFIER_PORT").get("/api/alerts?limit=500").then()
                .statusCode(200).extract().jsonPath().getList("$");
        String eventId = alerts.stream().filter(a -> ((Number) a.get("escalatedTier")).intValue() >= 2)
                .map(a -> (String) a.get("eventId")).findFirst().orElseThrow();
        await().atMost(WAIT).until(() -> WholeSystem.traces().spans().stream()
                .filter(s -> s.name().equals("rap.deliver") && eventId.equals(s.attributes().get("rap.event_id")))
                .map(s -> s.attributes().get("rap.notification_id")).distinct().count() >= 4);
        assertThat(WholeSystem.traces().spans().stream()
                .filter(s -> s.name().equals("rap.deliver") && eventId.equals(s.attributes().get("rap.event_id")))
                .map(OtlpReceiver.ExportedSpan::traceId).distinct().toList())
                .as("the deliveries of escalated alert %s, tier 1 and tier 2", eventId).hasSize(1);
    }

    @Test
    @Order(2)
    void archiveFileSystemFullDuringABurstWhileBothHostsOfADataCentreAreDown() throws Exception {
        String subject = "Archive cannot be written";
        int mailsBefore = mails(LocalSystem.OPS_EMAIL, subject).size();
        // Nobody acknowledges the critical alert: after 10 s it goes to the duty manager (tier 2), once.
        long dutyManager = contact("Duty manager", DUTY_EMAIL, DUTY_MOBILE);
        system.as("oscar", "NOTIFIER_PORT")
                .body("""
                        {"minSeverity": "CRITICAL", "tiers": [{"after": "PT10S", "contactIds": [%d]}]}"""
                        .formatted(dutyManager))
                .put("/api/escalation-policies/rap.fetch.failed.v1").then().statusCode(200);
        String escalated = "Escalated, not acknowledged after 10 s: " + subject;
        // At the same time both hosts of the HKCC/SEOCH primary are down: each account's FetchFailed (an error, not
        // critical: no escalation) repeats every 4 s here until acknowledged.
        String acknowledged = "RAP unreachable: raphkcc01";
        String unacknowledged = "RAP unreachable: rapseoch01";
        int hostMailsBefore = mails(LocalSystem.OPS_EMAIL, acknowledged).size();
        int atAcknowledgement;
        long heldBack;
        Path filler = WholeSystem.archive().resolve(".e2e-filler");
        fill(filler);
        simulatorAdmin("/api/hosts/hkcc_seoch-primary-1/stop");
        simulatorAdmin("/api/hosts/hkcc_seoch-primary-2/stop");
        Map<String, String> burst;
        try {
            burst = publishBurst("20251002", 12);
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> readiness("FETCHER_MANAGEMENT_PORT").contains("\"archive\"")
                            && readiness("FETCHER_MANAGEMENT_PORT").contains("No space left"));
            await().atMost(WAIT).until(() -> mails(LocalSystem.OPS_EMAIL, subject).size() == mailsBefore + 1
                    && sms(LocalSystem.OPS_MOBILE).stream().filter(t -> t.contains(subject)).count() == 1);
            Instant held = Instant.now(); // the outage is held at least 30 s from here

            // raphkcc01's failure reaches operations again and again, until they acknowledge it from the link in the
            // latest email: opening the link shows a button, the button acknowledges.
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> mails(LocalSystem.OPS_EMAIL, acknowledged).size() >= hostMailsBefore + 2);
            String link = lastLink(LocalSystem.OPS_EMAIL, acknowledged);
            String local = system.url("NOTIFIER_PORT") + link.substring(link.indexOf("/ack?"));
            assertThat(given().urlEncodingEnabled(false).get(local).then().statusCode(200).extract().asString())
                    .contains("id=\"acknowledge\"");
            given().formParam("t", link.substring(link.indexOf("?t=") + 3))
                    .post(system.url("NOTIFIER_PORT") + "/ack").then().statusCode(200)
                    .body(containsString("Acknowledged by Operations desk &lt;" + LocalSystem.OPS_EMAIL));
            atAcknowledgement = mails(LocalSystem.OPS_EMAIL, acknowledged).size();
            int otherAtAcknowledgement = mails(LocalSystem.OPS_EMAIL, unacknowledged).size();

            // The archive alert nobody acknowledged is escalated; raphkcc01's next repeat is held back as
            // acknowledged, while rapseoch01's unacknowledged failure goes on alerting.
            await().atMost(Duration.ofMinutes(1)).until(() -> mails(DUTY_EMAIL, escalated).size() == 1
                    && sms(DUTY_MOBILE).stream().filter(t -> t.contains(escalated)).count() == 1
                    && coveredAlerts(acknowledged) >= 1
                    && mails(LocalSystem.OPS_EMAIL, unacknowledged).size() > otherAtAcknowledgement);
            assertEscalationOnTheAlertsTrace();
            heldBack = coveredAlerts(acknowledged);
            Duration rest = Duration.ofSeconds(30).minus(Duration.between(held, Instant.now()));
            if (!rest.isNegative()) {
                await().pollDelay(rest).atMost(rest.plusSeconds(10)).until(() -> true);
            }
        } finally {
            Files.delete(filler);
            simulatorAdmin("/api/hosts/hkcc_seoch-primary-1/start");
            simulatorAdmin("/api/hosts/hkcc_seoch-primary-2/start");
            system.as("oscar", "NOTIFIER_PORT").delete("/api/escalation-policies/rap.fetch.failed.v1").then()
                    .statusCode(204);
        }
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> catalogSha256(burst.keySet())
                .equals(burst));
        await().atMost(Duration.ofMinutes(1)).until(() -> !readiness("FETCHER_MANAGEMENT_PORT").contains("DOWN"));
        // The hosts are back: the outage's end is told once to whoever was told of it, by the same channels.
        String resolved = "Resolved: RAP reachable again: raphkcc01";
        await().atMost(Duration.ofMinutes(1)).until(() -> mails(LocalSystem.OPS_EMAIL, resolved).size() == 1
                && sms(LocalSystem.OPS_MOBILE).stream().filter(t -> t.contains(resolved)).count() == 1);
        assertThat(mails(LocalSystem.OPS_EMAIL, subject)).as("one alert for the outage").hasSize(mailsBefore + 1);
        assertThat(mails(DUTY_EMAIL, subject)).as("one escalation, and nothing else").hasSize(1);
        assertThat(mails(LocalSystem.OPS_EMAIL, acknowledged)).as("nothing sent after the acknowledgement")
                .hasSize(atAcknowledgement);
        FaultMatrix.row("archive file system full during a burst",
                "FetchFailed (ARCHIVE, critical) once; fetcher readiness DOWN (archive); writes held back with "
                        + "growing intervals, nothing marked fetched; all fetched once space returned; nobody "
                        + "acknowledged the alert: escalated to tier 2 (the duty manager) after 10 s, once",
                reports(burst, 1), 4, mails(LocalSystem.OPS_EMAIL, subject).size() - mailsBefore
                        + (int) sms(LocalSystem.OPS_MOBILE).stream().filter(t -> t.contains(subject)).count()
                        + mails(DUTY_EMAIL, subject).size()
                        + (int) sms(DUTY_MOBILE).stream().filter(t -> t.contains(subject)).count());
        FaultMatrix.row("both hosts of the HKCC/SEOCH primary data centre down at the same time; operations "
                + "acknowledge one account's failure from the email link",
                (atAcknowledgement - hostMailsBefore) + " alerts for raphkcc01 (FetchFailed repeated every 4 s) "
                        + "until acknowledged, then " + heldBack + " repeat(s) held back (SUPPRESSED, covered by the "
                        + "acknowledgement); rapseoch01's unacknowledged failure went on alerting; hosts back: one "
                        + "FetchRecovered, \"Resolved: RAP reachable again\" once by email and SMS",
                FaultMatrix.Reports.NONE, atAcknowledgement - hostMailsBefore + 2,
                mails(LocalSystem.OPS_EMAIL, acknowledged).size() - hostMailsBefore
                        + mails(LocalSystem.OPS_EMAIL, resolved).size()
                        + (int) sms(LocalSystem.OPS_MOBILE).stream().filter(t -> t.contains(resolved)).count());
    }

    @Test
    @Order(3)
    void aPoisonRecordAndAMaximumSizeRecordOnEveryConsumedTopic() throws Exception {
        List<String> topics = List.of(Topics.REPORTS, Topics.FETCH_EVENTS, Topics.REPORT_OVERDUE,
                Topics.ARCHIVE_ALERTS, Topics.DEAD_LETTER_ALERTS);
        List<String> expectedAlerts = new ArrayList<>();
        List<RapEvent> maximal = new ArrayList<>();
        for (String topic : topics) {
            var poison = kafka.sendRaw(topic, "{\"eventId\": 42".getBytes(), KafkaProbe.someTypeOf(topic));
            for (String service : KafkaProbe.consumersOf(topic)) {
                expectedAlerts.add(KafkaProbe.deadLetterAlertId(service, poison));
            }
            List<RapEvent> events = MaximalEvents.onTopic(topic);
            events.forEach(kafka::send);
            maximal.addAll(events);
        }
        long opsContact = contactId(LocalSystem.OPS_EMAIL);
        // Each dead letter is one critical alert to operations, by email and by SMS, once each.
        await().atMost(WAIT).until(() -> expectedAlerts.stream()
                .allMatch(id -> sentTo(opsContact, id).size() == 2));
        List<String> maximalAlerts = maximal.stream().filter(e -> !(e instanceof ReportArrived))
                .map(RapEvent::eventId).toList();
        // Stored as notices for operations (sent, or held back as a repeat of an earlier failure of the same kind).
        await().atMost(WAIT).until(() -> maximalAlerts.stream()
                .allMatch(id -> !noticesFor(opsContact, id).isEmpty()));
        List<String> catalogIds = maximal.stream().filter(e -> Set.of(Topics.REPORTS, Topics.FETCH_EVENTS)
                .contains(e.type().topic())).map(RapEvent::eventId).toList();
        await().atMost(WAIT).until(() -> processedByCatalog(catalogIds) == catalogIds.size());
        // Production arrivals go into the digests; practice downloads never pass for production arrivals.
        List<String> arrivals = maximal.stream().filter(e -> e instanceof ReportArrived a && !a.practiceSession())
                .map(RapEvent::eventId).toList();
        List<String> practice = maximal.stream().filter(e -> e instanceof ReportArrived a && a.practiceSession())
                .map(RapEvent::eventId).toList();
        await().atMost(WAIT).until(() -> digestEntries(arrivals) == arrivals.size());
        assertThat(digestEntries(practice)).isZero();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).until(() -> expectedAlerts.stream()
                .allMatch(id -> sentTo(opsContact, id).size() == 2));
        int delivered = expectedAlerts.stream().mapToInt(id -> sentTo(opsContact, id).size()).sum();
        FaultMatrix.row("a poison record and a maximum-size record on every consumed topic (" + topics.size()
                + " topics)",
                "each poison record dead-lettered by each consumer of its topic (catalog 2, notifier 5) "
                        + "and alerted once (RecordDeadLettered); all " + maximal.size()
                        + " maximum-size events stored: catalog " + catalogIds.size() + ", notifier "
                        + maximal.size() + " (notices, digest entries, practice downloads left out of digests)",
                FaultMatrix.Reports.NONE, expectedAlerts.size() * 2, delivered);
    }

    @Test
    @Order(4)
    void aDataCentreSwitchRequestedWhileTheBrokerIsDown() throws Exception {
        String switched = "Data centre switched to SECONDARY: HKSCC";
        int before = announced(switched);
        system.component("stop", "kafka");
        await().atMost(Duration.ofSeconds(40)).until(() -> !listening(system.port("KAFKA_PORT")));
        try {
            system.as("oscar", "FETCHER_PORT").body("{\"target\": \"SECONDARY\", \"reason\": \"e2e: broker down\"}")
                    .post("/api/sites/HKSCC/data-centre").then().statusCode(503)
                    .contentType("application/problem+json");
            assertThat(system.as("oscar", "FETCHER_PORT").get("/api/sites/HKSCC").then().statusCode(200)
                    .extract().jsonPath().getString("activeDataCentre")).as("nothing half-applied")
                    .isEqualTo("PRIMARY");
        } finally {
            system.component("start", "kafka");
        }
        await().atMost(WAIT).until(() -> system.healthy("kafka"));
        await().atMost(WAIT).ignoreExceptions().until(() -> system.as("oscar", "FETCHER_PORT")
                .body("{\"target\": \"SECONDARY\", \"reason\": \"e2e: retried\"}")
                .post("/api/sites/HKSCC/data-centre").statusCode() == 200);
        await().atMost(WAIT).until(() -> announced(switched) == before + 2); // by email and by SMS
        system.as("oscar", "FETCHER_PORT").body("{\"target\": \"PRIMARY\", \"reason\": \"e2e: back\"}")
                .post("/api/sites/HKSCC/data-centre").then().statusCode(200);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20))
                .until(() -> announced(switched) == before + 2);
        FaultMatrix.row("a data-centre switch requested while the broker is down",
                "503 problem+json, nothing switched (still PRIMARY); the retry once the broker was back switched and "
                        + "published once",
                FaultMatrix.Reports.NONE, 2, announced(switched) - before);
    }

    @Test
    @Order(5)
    void aRemoteNameOf250Characters() throws Exception {
        String name = "CSEMA08_B01234_20251006_" + "L".repeat(250 - 28) + ".txt";
        assertThat(name).hasSize(250);
        Path staging = Files.createDirectories(system.work.resolve("staging/long/20251006"));
        Path file = Files.write(staging.resolve(name), SystemProbe.bytes(new Random(6), 50_000));
        String key = "HKSCC/rapb01234/INBOX/20251006/" + name;
        Map<String, String> expected = Map.of(key, sha256(file));
        Files.move(staging, Files.createDirectories(system.work.resolve("rap-simulator/tree/HKSCC/rapb01234/INBOX"))
                .resolve("20251006"));
        await().atMost(WAIT).until(() -> catalogSha256(expected.keySet()).equals(expected));
        // Its re-issue needs a version suffix too: archived under a shortened unique name, still one report.
        Path second = Files.write(Files.createDirectories(system.work.resolve("staging/long")).resolve(name),
                SystemProbe.bytes(new Random(7), 60_000));
        Files.move(second, system.work.resolve("rap-simulator/tree").resolve(key),
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        String reissued = sha256(system.work.resolve("rap-simulator/tree").resolve(key));
        await().atMost(WAIT).until(() -> reissued.equals(catalogSha256(expected.keySet()).get(key)));
        assertThat(catalogVersions(expected.keySet())).containsEntry(key, 2);
        try (var archived = Files.list(WholeSystem.archive().resolve("HKSCC/rapb01234/2025-10-06"))) {
            assertThat(archived.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("CSEMA08")))
                    .as("the first version under its own name, the re-issue under a shortened unique one")
                    .hasSize(2).contains(name).anySatisfy(n -> assertThat(n).contains("~").hasSizeLessThan(256));
        }
        FaultMatrix.row("a remote name of 250 characters, then its re-issue",
                "archived (temp files have short names of their own) and announced; the re-issue archived under a "
                        + "shortened unique name (the event keeps the remote name): one report, two versions",
                reports(Map.of(key, reissued), 2), 0, 0);
    }

    @Test
    @Order(6)
    void smtpAndTheSmsGatewayDownWhileACriticalAlertIsPending() throws Exception {
        system.component("stop", "outbox");
        HostKeyRejected critical = new HostKeyRejected(UUID.randomUUID().toString(), Instant.now(),
                Installation.HKSCC, DataCentre.PRIMARY, "127.0.0.1:28801", "SHA256:pinned", "SHA256:e2e-outage",
                "e2e: a critical alert while mail and SMS are down");
        long opsContact = contactId(LocalSystem.OPS_EMAIL);
        Instant stopped = Instant.now();
        try {
            kafka.send(critical);
            // The first attempt by each channel fails and is in the delivery log; both stay down 20 s, and the retry
            // (30 s after the first attempt, notifier.delivery.first-retry) finds them back. A longer outage only
            // adds retries (it was 60 s, a minute more of the suite for the same behaviour).
            await().atMost(Duration.ofMinutes(1)).until(() -> failedAttempts(opsContact, critical.eventId()) >= 2);
            await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30))
                    .until(() -> !listening(system.port("SMTP_PORT")) && !listening(system.port("OUTBOX_PORT")));
        } finally {
            system.component("start", "outbox");
        }
        long down = Duration.between(stopped, Instant.now()).toSeconds();
        await().atMost(Duration.ofMinutes(1)).until(() -> system.healthy("outbox"));
        String subject = "RAP host key rejected: 127.0.0.1:28801";
        await().atMost(WAIT).until(() -> mails(LocalSystem.OPS_EMAIL, subject).size() == 1
                && sms(LocalSystem.OPS_MOBILE).stream().filter(t -> t.contains(subject)).count() == 1);
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30))
                .until(() -> mails(LocalSystem.OPS_EMAIL, subject).size() == 1);
        FaultMatrix.row("SMTP and the SMS gateway both down " + down + " s while a critical alert is pending",
                failedAttempts(opsContact, critical.eventId()) + " failed attempts recorded, retried after "
                        + "notifier.delivery.first-retry; delivered once by each channel when they returned",
                FaultMatrix.Reports.NONE, 2, mails(LocalSystem.OPS_EMAIL, subject).size()
                        + (int) sms(LocalSystem.OPS_MOBILE).stream().filter(t -> t.contains(subject)).count());
    }

    @Test
    @Order(7)
    void transfersHangingMidFileOnOneHostAndListingsHangingOnItsTwinDuringABurst() throws Exception {
        // Both HKSCC primary hosts keep their SSH connections up (keep-alives answered) while their file service
        // hangs: host 1 in every download after 16 KB (each report is larger), host 2 in every listing.
        String unreachable = "RAP unreachable: rapb01234 (";
        String timedOut = unreachable + "TIMEOUT)";
        String failover = "RAP host failover: ";
        String resolved = "Resolved: RAP reachable again: rapb01234";
        int unreachableBefore = mails(LocalSystem.OPS_EMAIL, unreachable).size();
        int timedOutBefore = mails(LocalSystem.OPS_EMAIL, timedOut).size();
        int timedOutAnnouncedBefore = announced(timedOut);
        int failoversBefore = mails(LocalSystem.OPS_EMAIL, failover).size();
        int resolvedBefore = announced(resolved);
        simulatorAdmin("/api/hosts/hkscc-primary-1/stall?after-bytes=16384");
        simulatorAdmin("/api/hosts/hkscc-primary-2/stall-listings");
        Instant start = Instant.now();
        Map<String, String> burst;
        long cutAfter;
        int whileHung;
        try {
            burst = SystemProbe.burstFor("HKSCC/rapb01234", "CSEMA08_B01234", "20251007", 40, 700);
            // Each hang is cut after fetcher.poll.read-timeout (10 s here): no silence, the account's failure is told.
            await().atMost(Duration.ofMinutes(3)).until(() -> announced(timedOut) >= timedOutAnnouncedBefore + 2);
            cutAfter = Duration.between(start, Instant.now()).toSeconds();
            int timeouts = mails(LocalSystem.OPS_EMAIL, timedOut).size() - timedOutBefore;
            assertThat(mails(LocalSystem.OPS_EMAIL, unreachable)).as("each failure a TIMEOUT, none another reason")
                    .hasSize(unreachableBefore + timeouts);
            assertThat(mails(LocalSystem.OPS_EMAIL, failover)).as("failed over from the hung host")
                    .hasSizeGreaterThan(failoversBefore);
            Map<String, String> inCatalog = catalogSha256(burst.keySet());
            assertThat(burst).as("nothing half-fetched is announced: what is in the catalog is whole")
                    .containsAllEntriesOf(inCatalog);
            whileHung = inCatalog.size();
        } finally {
            simulatorAdmin("/api/hosts/hkscc-primary-1/release");
            simulatorAdmin("/api/hosts/hkscc-primary-2/release");
        }
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> catalogSha256(burst.keySet())
                .equals(burst));
        await().atMost(Duration.ofMinutes(1)).until(() -> announced(resolved) == resolvedBefore + 2);
        int failovers = mails(LocalSystem.OPS_EMAIL, failover).size() - failoversBefore;
        int told = mails(LocalSystem.OPS_EMAIL, timedOut).size() - timedOutBefore;
        assertThat(mails(LocalSystem.OPS_EMAIL, unreachable)).as("each failure a TIMEOUT, none another reason")
                .hasSize(unreachableBefore + told);
        FaultMatrix.row("downloads hanging after 16 KB on HKSCC primary host 1 and listings hanging on host 2, both "
                + "answering keep-alives, during a burst",
                "each hang cut after fetcher.poll.read-timeout (10 s here) and reported as TIMEOUT; " + failovers
                        + " failover(s) between the hosts; FetchFailed (TIMEOUT) told " + told + " time(s), the first "
                        + cutAfter + " s after the burst appeared; " + whileHung + " report(s) in the catalog while "
                        + "hung, each whole; all fetched once released, \"Resolved: RAP reachable again\" once by "
                        + "email and SMS",
                reports(burst, 1), failovers + 2 * told + 2,
                failovers + announced(timedOut) - timedOutAnnouncedBefore + announced(resolved) - resolvedBefore);
    }

    /** The acknowledgement link in the newest email to the address whose subject holds the text. */
    private String lastLink(String address, String subject) {
        List<Map<String, Object>> messages = given().get(system.url("OUTBOX_PORT") + "/messages").then()
                .statusCode(200).extract().jsonPath().getList("$");
        String text = messages.stream()
                .filter(m -> ((List<?>) m.get("to")).stream().anyMatch(to -> to.toString().contains(address))
                        && ((String) m.get("subject")).contains(subject))
                .map(m -> (String) m.get("text")).reduce((first, second) -> second).orElseThrow();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("http://\\S+/ack\\?t=\\S+").matcher(text);
        assertThat(link.find()).as(text).isTrue();
        return link.group();
    }

    /** Alerts with this title held back because an acknowledgement of the same failure covers them. */
    private long coveredAlerts(String title) {
        List<Map<String, Object>> alerts = system.as("audrey", "NOTIFIER_PORT").get("/api/alerts?limit=200").then()
                .statusCode(200).extract().jsonPath().getList("$");
        return alerts.stream().filter(a -> ((String) a.get("title")).contains(title) && a.get("coveredBy") != null)
                .count();
    }

    private long contact(String name, String email, String mobile) {
        return system.as("oscar", "NOTIFIER_PORT").body("""
                {"name": "%s", "email": "%s", "mobile": "%s", "language": "en",
                 "installations": ["HKSCC", "HKCC_SEOCH"],
                 "subscriptions": [{"eventTypes": ["rap.ssh-key.warning.v1"], "clearingHouses": ["SEOCH"],
                                    "minSeverity": "CRITICAL", "channels": ["EMAIL"]}]}"""
                .formatted(name, email, mobile)).post("/api/contacts").then().statusCode(201).extract()
                .jsonPath().getLong("id");
    }

    @AfterAll
    static void writeTheMatrix() throws IOException {
        FaultMatrix.write(MATRIX);
    }

    /** Mails and SMS to the operations contact whose subject holds {@code text}. */
    private static int announced(String text) {
        return mails(LocalSystem.OPS_EMAIL, text).size()
                + (int) sms(LocalSystem.OPS_MOBILE).stream().filter(t -> t.contains(text)).count();
    }

    private String readiness(String portVariable) {
        return given().get(system.url(portVariable) + "/q/health/ready").asString();
    }

    /** Writes zeros until the file system says it is full. */
    private static void fill(Path filler) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (true) {
                zeros.clear();
                out.write(zeros);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }
}
