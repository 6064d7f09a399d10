package io.raprelay.e2e;

import static io.raprelay.e2e.SystemProbe.WAIT;
import static io.raprelay.e2e.SystemProbe.arrivals;
import static io.raprelay.e2e.SystemProbe.arrivalsOf;
import static io.raprelay.e2e.SystemProbe.awaitPartly;
import static io.raprelay.e2e.SystemProbe.catalogItems;
import static io.raprelay.e2e.SystemProbe.catalogSha256;
import static io.raprelay.e2e.SystemProbe.catalogVersions;
import static io.raprelay.e2e.SystemProbe.listening;
import static io.raprelay.e2e.SystemProbe.mails;
import static io.raprelay.e2e.SystemProbe.postgres;
import static io.raprelay.e2e.SystemProbe.publishBurst;
import static io.raprelay.e2e.SystemProbe.sha256;
import static io.raprelay.e2e.SystemProbe.simulatorAdmin;
import static io.raprelay.e2e.SystemProbe.simulatorFiles;
import static io.raprelay.e2e.SystemProbe.sms;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.raprelay.contracts.BusinessDayComplete;
import io.raprelay.contracts.ReportArrived;
import io.restassured.path.json.JsonPath;

/**
 * The issue's end-to-end scenarios on the whole system started by {@code deploy/local/run.sh}: real Keycloak tokens,
 * the three packaged services, the broker, PostgreSQL, the RAP simulator, the outbox (SMTP and SMS) and the HKO feed
 * simulator, each its own process. The scenarios share the one running system ({@link WholeSystem}), in order; the
 * fault suite ({@link FaultSuiteIT}) follows on the same system.
 */
@ExtendWith(WholeSystem.class)
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeSystemIT {

    private static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");

    private final LocalSystem system = WholeSystem.system();
    private final EventCollector downstream = WholeSystem.downstream();

    @Test
    @Order(1)
    void aBusinessDayReachesTheCatalogWithItsChecksumsOneDigestPerHouseAndOneEventPerVersion() throws Exception {
        Map<String, String> published = simulatorFiles(p -> true);
        assertThat(published).as("the simulator publishes the previous business day at start").hasSizeGreaterThan(20);

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2))
                .until(() -> catalogSha256(published.keySet()).equals(published));

        await().atMost(WAIT).until(() -> published.keySet().stream().allMatch(key -> arrivals(key).size() >= 1));
        for (var file : published.entrySet()) {
            assertThat(arrivals(file.getKey())).as("one ReportArrived for %s", file.getKey()).singleElement()
                    .satisfies(e -> assertThat(e.sha256()).isEqualTo(file.getValue()));
        }

        // The simulator's previous business day came in one burst: one digest per clearing house for that date.
        LocalDate previousDay = downstream.events(ReportArrived.class).stream()
                .filter(e -> published.containsKey(e.reportKey())).map(ReportArrived::businessDate)
                .min(LocalDate::compareTo).orElseThrow();
        Set<String> houses = downstream.events(ReportArrived.class).stream()
                .filter(e -> e.businessDate().equals(previousDay)).map(e -> e.clearingHouse().name())
                .collect(Collectors.toSet());
        await().atMost(WAIT).until(() -> houses.stream()
                .allMatch(house -> !mails(LocalSystem.OPS_EMAIL, "arrived for " + house + ", business date "
                        + previousDay).isEmpty()));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).until(() -> houses.stream()
                .allMatch(house -> mails(LocalSystem.OPS_EMAIL, "arrived for " + house + ", business date "
                        + previousDay).size() == 1));

        for (String house : houses) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertOneTraceFromPollToDelivery(house,
                    previousDay));
        }
    }

    /** The titles of the notifier's open alerts (not acknowledged, not resolved), as operations see them. */
    private List<String> openAlerts() {
        return system.as("audrey", "NOTIFIER_PORT").get("/api/alerts?open=true&limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("title", String.class);
    }

    /**
     * The digest's email is the last span of one report's trace, followed back parent by parent with one trace id:
     * delivery, digest, the notifier's alert of a ReportArrived, its publish to Kafka, that report's fetch (with its
     * archive write beside the publish, and the catalog's ingest of the same record), and the poll that found it.
     */
    private void assertOneTraceFromPollToDelivery(String house, LocalDate day) {
        List<OtlpReceiver.ExportedSpan> spans = WholeSystem.traces().spans();
        OtlpReceiver.ExportedSpan delivery = spans.stream()
                .filter(s -> s.service().equals("rap-relay-notifier") && s.name().equals("rap.deliver")
                        && "EMAIL".equals(s.attributes().get("rap.channel"))
                        && s.attributes().getOrDefault("rap.event_id", "").startsWith("digest:" + house + ":" + day))
                .findFirst().orElseThrow(() -> new AssertionError("no delivery span of the " + house + " digest"));
        List<OtlpReceiver.ExportedSpan> trace = spans.stream().filter(s -> s.traceId().equals(delivery.traceId()))
                .toList();
        OtlpReceiver.ExportedSpan digest = parent(trace, delivery, "rap-relay-notifier", "rap.digest");
        OtlpReceiver.ExportedSpan alert = parent(trace, digest, "rap-relay-notifier", "rap.alert");
        OtlpReceiver.ExportedSpan publish = parent(trace, alert, "rap-relay-fetcher", "rap.reports publish");
        OtlpReceiver.ExportedSpan fetch = parent(trace, publish, "rap-relay-fetcher", "rap.fetch");
        OtlpReceiver.ExportedSpan poll = parent(trace, fetch, "rap-relay-fetcher", "rap.poll");
        assertThat(poll.parentSpanId()).as("the poll is where the trace starts").isEmpty();
        assertThat(poll.attributes()).containsEntry("rap.account", fetch.attributes().get("rap.account"));

        ReportArrived report = downstream.events(ReportArrived.class).stream()
                .filter(e -> e.remotePath().equals(fetch.attributes().get("rap.remote_path"))
                        && e.account().equals(fetch.attributes().get("rap.account")))
                .findFirst().orElseThrow(() -> new AssertionError("no ReportArrived for " + fetch));
        assertThat(report.clearingHouse().name()).isEqualTo(house);
        assertThat(fetch.attributes()).containsEntry("rap.report_id", report.reportId());
        assertThat(alert.attributes()).containsEntry("rap.event_id", report.eventId());
        assertThat(trace).as("the archive write of the same fetch").anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("rap.archive");
            assertThat(s.parentSpanId()).isEqualTo(fetch.spanId());
            assertThat(s.attributes()).containsEntry("rap.sha256", report.sha256());
        });
        assertThat(trace).as("the catalog's ingest of the same record").anySatisfy(s -> {
            assertThat(s.service()).isEqualTo("rap-relay-catalog");
            assertThat(s.name()).isEqualTo("rap.ingest");
            assertThat(s.parentSpanId()).isEqualTo(publish.spanId());
            assertThat(s.attributes()).containsEntry("rap.event_id", report.eventId());
        });
    }

    private static OtlpReceiver.ExportedSpan parent(List<OtlpReceiver.ExportedSpan> trace,
            OtlpReceiver.ExportedSpan child, String service, String name) {
        OtlpReceiver.ExportedSpan parent = trace.stream().filter(s -> s.spanId().equals(child.parentSpanId()))
                .findFirst().orElseThrow(() -> new AssertionError("the parent of " + child + " is not in the trace"));
        assertThat(parent.service()).as("the parent of %s", child.name()).isEqualTo(service);
        assertThat(parent.name()).as("the parent of %s", child.name()).isEqualTo(name);
        return parent;
    }

    @Test
    @Order(2)
    void aWithheldReportIsOverdueAndItsContactGetsEmailAndSmsThenOneResolvedNoticeWhenItArrives() {
        String email = "wing@participant.example";
        String mobile = "+85291230031";
        system.as("oscar", "NOTIFIER_PORT").body("""
                {"name": "Wing Lee", "email": "%s", "mobile": "%s", "language": "en", "installations": ["HKSCC"],
                 "subscriptions": [{"eventTypes": ["rap.report.overdue.v1"], "clearingHouses": ["HKSCC"],
                                    "minSeverity": "INFO", "channels": ["EMAIL", "SMS"]}]}""".formatted(email, mobile))
                .post("/api/contacts").then().statusCode(201);
        // A report HKEX would publish by 00:05 every business day; the simulator never does.
        LocalDate today = LocalDate.now(HONG_KONG);
        system.as("oscar", "CATALOG_PORT").body("""
                {"effectiveFrom": "%s", "reason": "e2e: a withheld report",
                 "expected": [{"clearingHouse": "HKSCC", "sourceSystem": "CCASS", "reportCode": "CSWTH99",
                               "deadlineTime": "00:05", "deadlineBusinessDays": 0, "onHalfDays": true}]}"""
                .formatted(today.minusDays(10))).post("/api/schedule").then().statusCode(201);

        await().atMost(WAIT).until(() -> !mails(email, "Report overdue: CSWTH99").isEmpty()
                && sms(mobile).stream().anyMatch(text -> text.contains("Report overdue: CSWTH99")));
        // Once per business date, by each channel.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(40)).until(() -> {
            List<String> subjects = mails(email, "Report overdue: CSWTH99");
            List<String> texts = sms(mobile).stream().filter(t -> t.contains("CSWTH99")).toList();
            return Set.copyOf(subjects).size() == subjects.size() && Set.copyOf(texts).size() == texts.size()
                    && subjects.size() == texts.size();
        });

        // The withheld report arrives after all: one "arrived late" notice per business date by each channel
        Set<String> dates = mails(email, "Report overdue: CSWTH99").stream()
                .map(subject -> subject.replaceFirst(".* for (\\d{4}-\\d{2}-\\d{2}).*", "$1"))
                .collect(Collectors.toCollection(TreeSet::new));
        for (String date : dates) {
            String compact = date.replace("-", "");
            given().baseUri(system.url("SIMULATOR_ADMIN_PORT")).queryParam("account", "rapb01234")
                    .queryParam("path", "INBOX/" + compact + "/CSWTH99_B01234_" + compact + ".txt")
                    .post("/api/reports/zero-byte").then().statusCode(200);
        }
        await().atMost(WAIT).until(() -> dates.stream().allMatch(date -> {
            String line = "Resolved: CSWTH99 for " + date + " arrived late at";
            return mails(email, line).size() == 1 && sms(mobile).stream().filter(t -> t.contains(line)).count() == 1;
        }));
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(30)).until(() -> mails(email,
                "Resolved: CSWTH99").size() == dates.size()
                && sms(mobile).stream().filter(t -> t.contains("Resolved: CSWTH99")).count() == dates.size());
    }

    @Test
    @Order(3)
    void switchingHksccToTheSecondaryDataCentreFetchesFromItNotifiesAndSwitchingBackRestoresPrimary()
            throws Exception {
        // A report the catalog already holds: the simulator keeps releasing new ones, which may not be fetched yet.
        Map<String, String> inbox = simulatorFiles(p -> p.startsWith("HKSCC/rapb01234/INBOX/"));
        String path = catalogSha256(inbox.keySet()).entrySet().stream()
                .filter(held -> held.getValue().equals(inbox.get(held.getKey()))).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("none of rapb01234's INBOX reports is in the catalog"));
        String remotePath = path.substring("HKSCC/rapb01234/".length());

        Map<String, Object> secondary;
        switchTo("SECONDARY");
        try {
            await().atMost(WAIT).until(() -> !mails(LocalSystem.OPS_EMAIL,
                    "Data centre switched to SECONDARY: HKSCC").isEmpty());
            reissue(remotePath);
            secondary = awaitLatestVersionFrom(path, "SECONDARY");
            assertThat((String) secondary.get("host")).as("one of the secondary hosts")
                    .isIn("127.0.0.1:" + (system.port("SIMULATOR_BASE_PORT") + 2),
                            "127.0.0.1:" + (system.port("SIMULATOR_BASE_PORT") + 3));

            assertThat(openAlerts()).as("the switch away is an open alert")
                    .anyMatch(t -> t.contains("Data centre switched to SECONDARY: HKSCC"));
        } finally {
            switchTo("PRIMARY");
        }
        await().atMost(WAIT).until(() -> !mails(LocalSystem.OPS_EMAIL, "Data centre switched to PRIMARY: HKSCC")
                .isEmpty());
        await().atMost(WAIT).untilAsserted(() -> assertThat(openAlerts())
                .as("back on the primary: the switch away is resolved").noneMatch(t -> t.contains("to SECONDARY")));
        reissue(remotePath);
        Map<String, Object> primary = awaitLatestVersionFrom(path, "PRIMARY");
        assertThat((Integer) primary.get("version")).isGreaterThan((Integer) secondary.get("version"));
        assertThat(primary.get("sha256")).isEqualTo(sha256(system.work.resolve("rap-simulator/tree").resolve(path)));
    }

    @Test
    @Order(4)
    void aRehearsalDayKeepsPracticeDownloadsApartAndLeavesProductionUntouched() throws Exception {
        // The previous business day's production reports, fetched from the primary.
        String day = "2025-10-03";
        String folder = "/" + day.replace("-", "") + "/";
        simulatorAdmin("/api/days/" + day + "/publish");
        Map<String, String> production = simulatorFiles(p -> p.startsWith("HKSCC/rapb01234/") && p.contains(folder));
        assertThat(production).hasSizeGreaterThan(5);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2))
                .until(() -> catalogSha256(production.keySet()).equals(production));

        // A practice session today: part 1 on the secondary data centre now, part 2 on the primary starting in six
        // minutes (so its prompt is due); its notices go to a contact of its own. Near midnight (parts must fit in the
        // day) part 1 alone runs to the end of the day.
        LocalDateTime now = LocalDateTime.now(HONG_KONG).withSecond(0).withNano(0);
        String session = "e2e-rehearsal-" + now.toLocalDate();
        LocalTime start = now.getHour() == 0 ? LocalTime.MIDNIGHT : now.toLocalTime().minusHours(1);
        boolean twoParts = now.toLocalTime().isBefore(LocalTime.of(22, 50));
        String parts = twoParts
                ? """
                        {"name": "Part 1", "start": "%s", "end": "%s", "dataCentre": "SECONDARY"},
                        {"name": "Part 2", "start": "%s", "end": "%s", "dataCentre": "PRIMARY"}"""
                        .formatted(start, now.toLocalTime().plusMinutes(5), now.toLocalTime().plusMinutes(6),
                                now.toLocalTime().plusMinutes(66))
                : """
                        {"name": "Part 1", "start": "%s", "end": "23:59", "dataCentre": "SECONDARY"}"""
                        .formatted(start);
        int contact = system.as("oscar", "NOTIFIER_PORT")
                .body("""
                        {"name": "Drill Desk", "email": "drill@participant.example", "mobile": "+85291230033",
                         "language": "en", "installations": ["HKSCC"],
                         "subscriptions": [{"eventTypes": ["rap.fetch.failed.v1"], "minSeverity": "ERROR", "channels": ["EMAIL"]}]}""")
                .post("/api/contacts").then().statusCode(201).extract().path("id");
        system.as("oscar", "NOTIFIER_PORT").body("""
                {"id": "%s", "date": "%s", "contactIds": [%d], "parts": [%s]}"""
                .formatted(session, now.toLocalDate(), contact, parts))
                .post("/api/practice-sessions").then().statusCode(201);
        await().atMost(WAIT).until(() -> session.equals(practiceNow()));
        // Ten minutes into part 1 nothing is on the secondary yet: the check alerts, naming both installations.
        await().atMost(WAIT).until(() -> !mails("drill@participant.example", "WRONG DATA CENTRE").isEmpty());
        if (twoParts) {
            await().atMost(WAIT).until(() -> !mails("drill@participant.example",
                    "switch data centre for the next part").isEmpty());
        }

        simulatorAdmin("/api/practice/start?date=" + day);
        try {
            switchTo("SECONDARY");
            Map<String, Map<String, Object>> practice = await().atMost(WAIT).pollInterval(Duration.ofSeconds(2))
                    .until(() -> practiceItems(session), items -> items.size() == production.size());
            for (var file : production.entrySet()) {
                Map<String, Object> copy = practice.get("practice/" + session + "/" + file.getKey());
                assertThat(copy).as("the practice copy of %s, listed apart", file.getKey()).isNotNull();
                @SuppressWarnings("unchecked")
                Map<String, Object> latest = (Map<String, Object>) copy.get("latest");
                assertThat(latest.get("practiceSession")).isEqualTo(true);
                assertThat(latest.get("dataCentre")).isEqualTo("SECONDARY");
                assertThat(latest.get("sha256")).as("practice content differs").isNotEqualTo(file.getValue());
            }
            // Production untouched: the same checksums, one version each, no practice file among them.
            assertThat(catalogSha256(production.keySet())).isEqualTo(production);
            assertThat(catalogVersions(production.keySet()).values()).containsOnly(1);
            assertThat(downstream.events(ReportArrived.class).stream()
                    .filter(e -> session.equals(e.practiceSessionId())))
                    .as("downstream systems see each practice file once, marked").hasSize(production.size())
                    .allMatch(e -> e.practiceSession() && e.reportKey().startsWith("practice/" + session + "/"));

            // The drill evidence for auditors: parts, the switch (who), part 1's login check, each practice copy
            // against its production report (here every practice copy differs), the notices and to whom.
            JsonPath evidence = await().atMost(WAIT).pollInterval(Duration.ofSeconds(2))
                    .until(() -> system.as("audrey", "CATALOG_PORT")
                            .get("/api/practice-sessions/" + session + "/evidence").then().statusCode(200).extract()
                            .jsonPath(),
                            e -> e.getList("practiceReports").size() == production.size()
                                    && !e.getList("loginChecks.findAll { it.part == 'Part 1' }").isEmpty()
                                    && !e.getList("dataCentreSwitches.findAll { it.to == 'SECONDARY' }").isEmpty()
                                    && !e.getList("notices.findAll { it.contact == 'Drill Desk' }").isEmpty());
            assertThat(evidence.getList("parts.name")).startsWith("Part 1");
            assertThat(evidence.getList("dataCentreSwitches.findAll { it.to == 'SECONDARY' }.operator"))
                    .contains("oscar");
            assertThat(evidence.getList("loginChecks.findAll { it.part == 'Part 1' }.passed", Boolean.class))
                    .containsOnly(true);
            for (String key : production.keySet()) {
                assertThat(evidence.getString("crossCheck.find { it.productionReportKey == '" + key + "' }.result"))
                        .as("cross-check of %s", key).isEqualTo("DIFFERENT");
            }
            String csv = system.as("audrey", "CATALOG_PORT")
                    .get("/api/practice-sessions/" + session + "/evidence/export").then().statusCode(200).extract()
                    .asString();
            assertThat(csv.lines().filter(l -> l.startsWith("cross-check,") && l.endsWith(",DIFFERENT")))
                    .hasSize(production.size());
        } finally {
            switchTo("PRIMARY");
            simulatorAdmin("/api/practice/stop");
            system.as("oscar", "NOTIFIER_PORT").body("{\"reason\": \"e2e rehearsal over\"}")
                    .post("/api/practice-sessions/" + session + "/withdraw").then().statusCode(200);
            await().atMost(WAIT).until(() -> "no".equals(practiceNow()));
        }
    }

    @Test
    @Order(5)
    void aNo8SignalDuringPart1OfAPracticeSessionTerminatesItAtTheRightTimeWithThePrimaryReminder()
            throws Exception {
        String day = "2031-06-20";
        Path script = system.work.resolve("warnsum-no8-during-part1.json");
        Files.writeString(script, """
                {"steps": [{"after": "PT0S", "warnsum": {"WTCSGNL": {"name": "Tropical Cyclone Warning Signal",
                  "code": "TC8NE", "actionCode": "ISSUE", "issueTime": "%1$sT14:05:00+08:00",
                  "updateTime": "%1$sT14:05:00+08:00"}}}]}""".formatted(day));
        system.restart("warnsum", Map.of("WARNSUM_SCRIPT", script.toString()));
        // The notifier plays that day from 14:19 HKT on (notifier.clock-starts-at), so the test need not wait for it.
        system.restart("notifier", Map.of("NOTIFIER_CLOCK_STARTS_AT", day + "T14:19:00+08:00", "PRACTICE_CHECK",
                "2s", "WEATHER_POLL_INTERVAL", "2s"));
        try {
            String email = "kit@participant.example";
            String mobile = "+85291230032";
            int kit = system.as("oscar", "NOTIFIER_PORT")
                    .body("""
                            {"name": "Kit Lau", "email": "%s", "mobile": "%s", "language": "en",
                             "installations": ["HKSCC", "HKCC_SEOCH"], "roles": ["practice-session contact"],
                             "subscriptions": [{"eventTypes": ["rap.fetch.failed.v1"], "minSeverity": "ERROR", "channels": ["EMAIL"]}]}"""
                            .formatted(email, mobile))
                    .post("/api/contacts").then().statusCode(201).extract().path("id");
            system.as("oscar", "NOTIFIER_PORT").body("""
                    {"id": "%1$s-drill", "date": "%1$s", "hotline": "CCASS Hotline 2979 7111", "contactIds": [%2$d],
                     "parts": [{"name": "Part 1", "start": "14:00", "end": "16:00", "dataCentre": "SECONDARY"},
                               {"name": "Part 2", "start": "18:00", "end": "19:00", "dataCentre": "PRIMARY"}]}"""
                    .formatted(day, kit)).post("/api/practice-sessions").then().statusCode(201);

            String termination = "TERMINATED (terminated at " + day + " 14:20 HKT)";
            String reminder = "TERMINATED (back to the primary data centre)";
            await().atMost(WAIT).until(() -> !mails(email, termination).isEmpty() && !mails(email, reminder).isEmpty()
                    && sms(mobile).stream().filter(t -> t.contains(termination) || t.contains(reminder)).count() == 2);
            // Whether the first check (at 14:19 on the notifier's clock) already knew the signal decides whether the
            // data-centre check ten minutes into part 1 ran: it is left out of the count.
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(30))
                    .until(() -> decisions(mails(email, "Practice session " + day)).size() == 4
                            && decisions(sms(mobile)).size() == 4);
            assertThat(decisions(mails(email, "Practice session " + day)))
                    .as("09:00, 12:00, termination, reminder; once each")
                    .extracting(subject -> subject.substring(subject.indexOf(": ") + 2))
                    .containsExactlyInAnyOrder("PROCEEDING (09:00 decision)",
                            "PROCEEDING (status two hours before the start)", termination, reminder);

            List<Map<String, Object>> log = system.as("audrey", "NOTIFIER_PORT").queryParam("contactId", kit)
                    .get("/api/deliveries").then().statusCode(200).extract().jsonPath().getList("$");
            Instant effective = Instant.parse(day + "T06:20:00Z");
            assertThat(log).filteredOn(n -> ((String) n.get("subject")).contains("back to the primary"))
                    .as("the reminder is sent when the termination takes effect, not before").isNotEmpty()
                    .allSatisfy(
                            n -> assertThat(Instant.parse((String) n.get("createdAt"))).isAfterOrEqualTo(effective));
            assertThat(system.as("audrey", "NOTIFIER_PORT").get("/api/practice-sessions").then().statusCode(200)
                    .extract().jsonPath().getString("find { it.id == '" + day + "-drill' }.status"))
                    .isEqualTo("TERMINATED");
        } finally {
            system.restart("warnsum", Map.of());
            system.restart("notifier", Map.of());
        }
    }

    @Test
    @Order(6)
    void killedFetcherStoppedBrokerStoppedPostgresqlAndAStoppedHostLoseAndRepeatNothing() throws Exception {
        Map<String, String> all = new HashMap<>();
        Map<String, Integer> inCatalogAtFault = new LinkedHashMap<>();

        Map<String, String> burst = publishBurst("20250901", 1);
        all.putAll(burst);
        inCatalogAtFault.put("fetcher killed (kill -9)", awaitPartly(burst));
        system.component("kill", "fetcher");
        system.component("start", "fetcher");
        await().atMost(WAIT).until(() -> system.healthy("fetcher"));

        burst = publishBurst("20250902", 2);
        all.putAll(burst);
        inCatalogAtFault.put("broker stopped 30 s", awaitPartly(burst));
        system.component("stop", "kafka");
        await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(40))
                .until(() -> !listening(system.port("KAFKA_PORT")));
        system.component("start", "kafka");
        await().atMost(WAIT).until(() -> system.healthy("kafka"));

        burst = publishBurst("20250903", 3);
        all.putAll(burst);
        inCatalogAtFault.put("PostgreSQL stopped 30 s", awaitPartly(burst));
        postgres("stop");
        await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(40)).until(() -> !listening(5432));
        postgres("start");
        await().atMost(WAIT).until(() -> listening(5432));

        // Host 1 of each primary goes down just before the burst (a burst this size is fetched in a few seconds, too
        // quickly to stop a host reliably in the middle): all of it must come through host 2.
        simulatorAdmin("/api/hosts/hkscc-primary-1/stop");
        simulatorAdmin("/api/hosts/hkcc_seoch-primary-1/stop");
        burst = publishBurst("20250904", 4);
        all.putAll(burst);
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3))
                    .until(() -> catalogSha256(all.keySet()).equals(all));
        } finally {
            simulatorAdmin("/api/hosts/hkscc-primary-1/start");
            simulatorAdmin("/api/hosts/hkcc_seoch-primary-1/start");
        }
        Set<String> hostTwos = Set.of("127.0.0.1:" + (system.port("SIMULATOR_BASE_PORT") + 1),
                "127.0.0.1:" + (system.port("SIMULATOR_BASE_PORT") + 5));
        assertThat(catalogItems(burst.keySet()).values()).as("the burst after host 1 stopped came through host 2")
                .hasSize(burst.size())
                .allSatisfy(item -> assertThat(((Map<?, ?>) item.get("latest")).get("host")).isIn(hostTwos));
        inCatalogAtFault.forEach((fault, count) -> System.out.printf("[e2e faults] %s with %d of %d of its burst in"
                + " the catalog%n", fault, count, all.size() / 4));
        System.out.printf("[e2e faults] host 1 of each primary stopped before a burst: all %d via host 2%n",
                burst.size());

        Map<String, Integer> versions = catalogVersions(all.keySet());
        assertThat(versions).as("every report in the catalog exactly once (one version)").hasSize(all.size())
                .allSatisfy((key, version) -> assertThat(version).as(key).isEqualTo(1));
        Map<String, Set<String>> eventIds = downstream.events(ReportArrived.class).stream()
                .filter(e -> all.containsKey(e.reportKey()))
                .collect(Collectors.groupingBy(ReportArrived::reportKey,
                        Collectors.mapping(ReportArrived::eventId, Collectors.toSet())));
        assertThat(eventIds).as("every report published; a repeat after a crash is the same event")
                .hasSize(all.size()).allSatisfy((key, ids) -> assertThat(ids).as(key).hasSize(1));
        System.out.printf("[e2e faults] %d reports, %d ReportArrived records for them (repeats after the faults: %d)%n",
                all.size(), arrivalsOf(all.keySet()), arrivalsOf(all.keySet()) - all.size());
    }

    @Test
    @Order(7)
    void eachSwaggerUiAndTheOutboxRenderInHeadlessChromium() throws Exception {
        // Swagger UI, OpenAPI, health and metrics are on each service's management interface, not on its API port.
        for (String api : List.of("FETCHER_PORT", "CATALOG_PORT", "NOTIFIER_PORT")) {
            for (String path : List.of("/q/swagger-ui/", "/q/openapi", "/q/health/ready", "/q/metrics")) {
                assertThat(given().get(system.url(api) + path).statusCode()).as(api + path).isIn(401, 403, 404);
            }
        }
        assertThat(rendered(system.url("FETCHER_MANAGEMENT_PORT") + "/q/swagger-ui/", "fetcher"))
                .contains("RAP Relay fetcher").contains("/api/sites/{installation}/data-centre");
        assertThat(rendered(system.url("CATALOG_MANAGEMENT_PORT") + "/q/swagger-ui/", "catalog"))
                .contains("RAP Relay catalog").contains("/api/reports/{reportKey}").contains("/api/completeness");
        assertThat(rendered(system.url("NOTIFIER_MANAGEMENT_PORT") + "/q/swagger-ui/", "notifier"))
                .contains("RAP Relay notifier").contains("/api/contacts").contains("/api/practice-sessions/what-if");
        assertThat(rendered(system.url("OUTBOX_PORT") + "/", "outbox")).contains("RAP Relay outbox")
                .contains(LocalSystem.OPS_EMAIL).contains("arrived for HKSCC")
                .contains("Practice session 2031-06-20: TERMINATED");
    }

    /**
     * The trust boundaries as a downstream system, an auditor and a security reviewer meet them: a client-credentials
     * client fetches report bytes through the catalog and nothing else; every call is in the access log, whose chain
     * and signed checkpoints hold, checked by the catalog and by the offline verifier as the database owner; the
     * production realm template loads without users or password grants and with OTP for operators and admins.
     */
    @Test
    @Order(9)
    void everyMetricTheAlertRulesAndTheDashboardNameIsExportedByTheRunningServices() throws Exception {
        Set<String> exported = new TreeSet<>();
        for (String port : List.of("FETCHER_MANAGEMENT_PORT", "CATALOG_MANAGEMENT_PORT", "NOTIFIER_MANAGEMENT_PORT")) {
            String metrics = given().get(system.url(port) + "/q/metrics").then().statusCode(200).extract().asString();
            metrics.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(exported::add);
        }
        assertThat(exported).as("exported by the fetcher, the catalog or the notifier")
                .containsAll(MonitoringFiles.metricNames());
    }

    @Test
    @Order(8)
    void aDownstreamSystemReadsReportBytesAndTheAccessLogProvesEveryCall() throws Exception {
        String downstreamToken = system.downstreamToken();
        JsonPath page = given().auth().oauth2(downstreamToken)
                .get(system.url("CATALOG_PORT") + "/api/reports?clearingHouse=HKSCC&limit=1").then().statusCode(200)
                .extract().jsonPath();
        String reportKey = page.getString("items[0].reportKey");
        String sha256 = page.getString("items[0].latest.sha256");
        byte[] content = given().auth().oauth2(downstreamToken).urlEncodingEnabled(false)
                .get(system.url("CATALOG_PORT") + "/api/reports/" + reportKey + "/versions/"
                        + page.getInt("items[0].latestVersion") + "/content")
                .then().statusCode(200).extract().asByteArray();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
                .isEqualTo(sha256);

        // Its archive copy altered: refused and alerted; put back and verified by an admin: resolved, once. (Here with
        // the file archive; the bucket's objects: ContentDownloadFromS3Test.)
        String location = page.getString("items[0].latest.archiveLocation");
        if (location.startsWith("file:")) {
            restoredCopyIsResolvedOnce(downstreamToken, reportKey, page.getInt("items[0].latestVersion"), content,
                    Path.of(java.net.URI.create(location)));
        }
        for (String forbidden : List.of("/api/access-log", "/api/completeness/2025-10-02", "/api/schedule")) {
            given().auth().oauth2(downstreamToken).get(system.url("CATALOG_PORT") + forbidden).then()
                    .statusCode(403);
        }
        given().get(system.url("CATALOG_PORT") + "/api/reports").then().statusCode(401);

        // Kafka is closed too (every event above went over SASL_SSL): without credentials a producer gets nothing,
        // and the catalog's own principal cannot forge a report.
        Map<String, Object> noCredentials = new HashMap<>(system.kafka("admin"));
        noCredentials.put("security.protocol", "SSL");
        noCredentials.remove("sasl.mechanism");
        noCredentials.remove("sasl.jaas.config");
        assertThat(refusal(noCredentials)).isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        Map<String, Object> plain = new HashMap<>(
                Map.of("bootstrap.servers", "127.0.0.1:" + system.port("KAFKA_PORT")));
        assertThat(refusal(plain)).isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        assertThat(refusal(system.kafka("rap-relay-catalog")))
                .isInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
        // nor the downstream principal, which read every report and business day above (WholeSystem's collector)
        assertThat(refusal(system.kafka("rap-relay-downstream")))
                .isInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
        // ... while what each service needs of it works under its ACLs, the admin's dead-letter replay included
        // (into the service's own replay topics).
        for (String service : List.of("CATALOG_PORT", "NOTIFIER_PORT")) {
            system.as("ada", service).post("/api/admin/dead-letters/replay").then().statusCode(200);
        }

        // The local run checkpoints every minute: by now (many minutes in) several were signed, each still matching.
        JsonPath verified = system.as("ada", "CATALOG_PORT").get("/api/access-log/verify").then().statusCode(200)
                .extract().jsonPath();
        assertThat(verified.getBoolean("intact")).as(verified.prettify()).isTrue();
        assertThat(verified.getInt("checkpointsChecked")).as(verified.prettify()).isGreaterThanOrEqualTo(2);
        // The last entries (ids are at least the count; each page call is recorded too: the last page is short).
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Map<String, Object>> batch;
        do {
            Object after = entries.isEmpty()
                    ? Math.max(0, verified.getLong("entriesChecked") - 2000)
                    : entries.get(entries.size() - 1).get("id");
            batch = system.as("ada", "CATALOG_PORT").get("/api/access-log?limit=500&afterId=" + after).then()
                    .statusCode(200).extract().jsonPath().getList("$");
            entries.addAll(batch);
        } while (batch.size() == 500);
        assertThat(entries).extracting(e -> e.get("subject") + " " + e.get("action") + " " + e.get("outcome"))
                .contains("service-account-rap-relay-downstream GET /api/reports 200",
                        "anonymous GET /api/reports 401");
        Path keys = system.work.resolve("catalog/keys");
        Path verifier;
        try (var jars = Files.list(LocalSystem.ROOT.resolve("access-log-verifier/target"))) {
            verifier = jars.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst().orElseThrow();
        }
        ProcessBuilder offline = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", verifier.toString(), "verify", "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:5432/" + WholeSystem.catalogDb(), "--user", "rap_catalog_owner",
                "--chain-key", keys.resolve("access-log-chain.key").toString(), "--checkpoint-key",
                keys.resolve("checkpoint-verify.pem").toString(), "--checkpoints",
                system.work.resolve("catalog/access-log-checkpoints.jsonl").toString()).redirectErrorStream(true);
        offline.environment().put("PGPASSWORD", "local-only-catalog");
        Process process = offline.start();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(report).isZero();
        assertThat(report).startsWith("INTACT");

        String realm = system.url("KEYCLOAK_PORT") + "/realms/" + LocalSystem.PRODUCTION_CHECK_REALM;
        given().get(realm + "/.well-known/openid-configuration").then().statusCode(200);
        given().formParam("grant_type", "password").formParam("client_id", "rap-relay-console")
                .formParam("username", "ada").formParam("password", "ada")
                .post(realm + "/protocol/openid-connect/token").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("unauthorized_client"));
        String admin = given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(system.url("KEYCLOAK_PORT") + "/realms/master/protocol/openid-connect/token").then()
                .statusCode(200).extract().path("access_token");
        String adminRealm = system.url("KEYCLOAK_PORT") + "/admin/realms/" + LocalSystem.PRODUCTION_CHECK_REALM;
        given().auth().oauth2(admin).get(adminRealm).then().statusCode(200)
                .body("browserFlow", org.hamcrest.Matchers.equalTo("browser with OTP for operators and admins"));
        given().auth().oauth2(admin).get(adminRealm + "/users").then().statusCode(200)
                .body("username",
                        org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith("service-account-")));
        List<Map<String, Object>> clients = given().auth().oauth2(admin).get(adminRealm + "/clients").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertThat(clients.stream().filter(c -> String.valueOf(c.get("clientId")).startsWith("rap-relay-")))
                .as("no RAP Relay client of the production realm allows the password grant").hasSize(5)
                .allSatisfy(c -> assertThat(c.get("directAccessGrantsEnabled")).as(String.valueOf(c.get("clientId")))
                        .isEqualTo(false));
    }

    /**
     * Order 6 stopped host 1 of each primary before a burst and started it again: the accounts failed over to host 2
     * and, host 1 probed healthy (every minute, {@code fetcher.poll.recovery-check}), went back. Whoever was told of
     * each failover is told once that host 1 is in use again. Last, so that the probe has long been due.
     */
    @Test
    @Order(11)
    void aHostBackInUseAfterItsFailoverIsToldOnceToWhoeverWasToldOfTheFailover() {
        int base = system.port("SIMULATOR_BASE_PORT");
        for (String hostOne : List.of("127.0.0.1:" + base, "127.0.0.1:" + (base + 4))) {
            String failover = "RAP host failover: " + hostOne + " -> ";
            String back = "Resolved: RAP host back in use: " + hostOne;
            await().atMost(Duration.ofMinutes(2)).until(() -> !mails(LocalSystem.OPS_EMAIL, back).isEmpty()
                    && mails(LocalSystem.OPS_EMAIL, back).size() == mails(LocalSystem.OPS_EMAIL, failover).size());
            System.out.printf("[e2e faults] %s: %d failover notices, %d resolved notices%n", hostOne,
                    mails(LocalSystem.OPS_EMAIL, failover).size(), mails(LocalSystem.OPS_EMAIL, back).size());
        }
    }

    private void restoredCopyIsResolvedOnce(String downstreamToken, String reportKey, int latestVersion,
            byte[] content, Path copy) throws IOException {
        String version = reportKey + "/versions/" + latestVersion;
        byte[] altered = java.util.Arrays.copyOf(content, content.length + 1);
        Files.write(copy, altered);
        given().auth().oauth2(downstreamToken).urlEncodingEnabled(false)
                .get(system.url("CATALOG_PORT") + "/api/reports/" + version + "/content").then().statusCode(409);
        Files.write(copy, content);
        system.as("ada", "CATALOG_PORT").urlEncodingEnabled(false)
                .post("/api/reports/" + version + "/verification").then().statusCode(200)
                .body("intact", org.hamcrest.Matchers.equalTo(true));
        String restored = "Resolved: archive copy restored: " + reportKey;
        await().atMost(WAIT).until(() -> mails(LocalSystem.OPS_EMAIL, restored).size() == 1
                && sms(LocalSystem.OPS_MOBILE).stream().filter(t -> t.contains(restored)).count() == 1);
        assertThat(mails(LocalSystem.OPS_EMAIL, "Archive altered: " + reportKey)).hasSize(1);
    }

    /**
     * A downstream end-of-day job's view: the latest business day before today is published whole, an operator's
     * schedule expects exactly its reports, and the catalog publishes one {@code BusinessDayComplete} per clearing
     * house, participant and date, listing each report's latest version and checksum; a re-issue of one report then
     * publishes one amendment for its group only.
     */
    @Test
    @Order(10)
    void aCompleteBusinessDayIsAnnouncedOncePerParticipantAndAReissueAmendsIt() throws Exception {
        LocalDate today = LocalDate.now(HONG_KONG);
        List<Map<String, Object>> days = system.as("audrey", "CATALOG_PORT")
                .get("/api/completeness?from=" + today.minusDays(10) + "&to=" + today.minusDays(1)).then()
                .statusCode(200).extract().jsonPath().getList("");
        LocalDate day = days.stream().filter(d -> Boolean.TRUE.equals(d.get("businessDay")))
                .map(d -> LocalDate.parse((String) d.get("businessDate"))).max(LocalDate::compareTo).orElseThrow();
        simulatorAdmin("/api/days/" + day + "/publish");
        String folder = "/" + day.toString().replace("-", "") + "/";
        String bundle = "/RPF_" + day.format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd")) + ".";
        Map<String, String> files = simulatorFiles(p -> p.contains(folder) || p.contains(bundle));
        assertThat(files).hasSizeGreaterThan(10);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2))
                .until(() -> catalogSha256(files.keySet()).equals(files));

        // The schedule expects what the day holds: each report code of each clearing house and participant.
        List<ReportArrived> arrived = downstream.events(ReportArrived.class).stream()
                .filter(e -> files.containsKey(e.reportKey())).toList();
        Set<List<String>> expected = arrived.stream().map(e -> java.util.Arrays.asList(e.clearingHouse().name(),
                e.sourceSystem().name(), e.reportCode(), e.participant())).collect(Collectors.toSet());
        String entries = expected.stream().map(e -> """
                {"clearingHouse": "%s", "sourceSystem": "%s", "reportCode": "%s", %s
                 "deadlineTime": "23:59", "deadlineBusinessDays": 5, "onHalfDays": true}""".formatted(e.get(0),
                e.get(1), e.get(2), e.get(3) == null ? "" : "\"participant\": \"" + e.get(3) + "\",")).collect(
                        Collectors.joining(","));
        int version = system.as("oscar", "CATALOG_PORT").body("""
                {"effectiveFrom": "%s", "reason": "e2e: the day's reports are expected", "expected": [%s]}"""
                .formatted(day, entries)).post("/api/schedule").then().statusCode(201).extract().path("version");

        // Under this schedule: one per group (a group the version before also expected is amended, not repeated)
        Set<List<String>> groups = expected.stream().map(e -> java.util.Arrays.asList(e.get(0), e.get(3)))
                .collect(Collectors.toSet());
        await().atMost(WAIT).until(() -> completions(day, version).stream().map(c -> java.util.Arrays.asList(
                c.clearingHouse().name(), c.participant())).collect(Collectors.toSet()).equals(groups));
        // a check runs every 5 s in the suite: one would have published a second within 6 s
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(30))
                .until(() -> completions(day, version).size() == groups.size());
        Map<String, String> listed = new HashMap<>();
        completions(day, version).forEach(c -> c.reports().forEach(r -> listed.put(r.reportKey(), r.sha256())));
        assertThat(listed).as("every report of the day, each with its checksum").isEqualTo(files);

        // A re-issue of one of B01234's statements: one amendment of its group, with the new checksum
        String reissued = files.keySet().stream().filter(k -> k.startsWith("HKSCC/rapb01234/INBOX/")).sorted()
                .findFirst().orElseThrow();
        BusinessDayComplete before = completions(day, version).stream().filter(c -> c.reports().stream()
                .anyMatch(r -> r.reportKey().equals(reissued))).findFirst().orElseThrow();
        reissue(reissued.substring("HKSCC/rapb01234/".length()));
        String newSha256 = sha256(system.work.resolve("rap-simulator/tree").resolve(reissued));
        BusinessDayComplete amended = await().atMost(WAIT).until(() -> completions(day, version).stream()
                .filter(c -> before.eventId().equals(c.amends())).findFirst().orElse(null), c -> c != null);
        assertThat(amended.revision()).isEqualTo(before.revision() + 1);
        assertThat(amended.participant()).isEqualTo(before.participant());
        assertThat(amended.reports()).filteredOn(r -> r.reportKey().equals(reissued)).singleElement()
                .satisfies(r -> assertThat(r.sha256()).isEqualTo(newSha256).isNotEqualTo(files.get(reissued)));
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(30))
                .until(() -> completions(day, version).size() == groups.size() + 1);
    }

    private List<BusinessDayComplete> completions(LocalDate day, int scheduleVersion) {
        return downstream.events(BusinessDayComplete.class).stream()
                .filter(c -> c.businessDate().equals(day) && c.scheduleVersion() == scheduleVersion).toList();
    }

    /** What a forged report sent to rap.reports with these client settings fails with. */
    private static Throwable refusal(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put("max.block.ms", 8000);
        config.put("delivery.timeout.ms", 10000);
        config.put("request.timeout.ms", 5000);
        // Not idempotent: the refusal asked about is the topic's Write ACL, not the cluster's IdempotentWrite (which
        // a read-only principal lacks too, and which fails the producer before or during the send, as it happens).
        config.put("enable.idempotence", false);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(config,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("rap.reports", "HKSCC/forged",
                    "{}")).get();
            throw new AssertionError("a forged report was accepted with " + client.get("security.protocol"));
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (org.apache.kafka.common.KafkaException e) {
            return e;
        }
    }

    /**
     * The page as Debian's Chromium renders it, headless, scripts run (Swagger UI builds its page from the OpenAPI
     * document); a screenshot of each is kept in {@code target/screenshots}.
     */
    private static String rendered(String url, String name) throws IOException, InterruptedException {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertThat(chromium).as("Debian's chromium (apt-get install chromium; .ci/run installs it) or $CHROMIUM")
                .isExecutable();
        Path screenshots = Files.createDirectories(Path.of("target/screenshots").toAbsolutePath());
        List<String> flags = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium"), "--virtual-time-budget=15000",
                "--window-size=1280,1600");
        run(chromium, flags, "--screenshot=" + screenshots.resolve(name + ".png"), url);
        return run(chromium, flags, "--dump-dom", url);
    }

    private static String run(Path chromium, List<String> flags, String action, String url)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString()));
        command.addAll(flags);
        command.add(action);
        command.add(url);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("chromium %s %s", action, url).isZero();
        return out;
    }

    private static List<String> decisions(List<String> notices) {
        return notices.stream().filter(n -> !n.contains("WRONG DATA CENTRE")).toList();
    }

    /** The session that makes downloads from the secondary practice downloads now, as the fetcher says. */
    private String practiceNow() {
        return given().get(system.url("FETCHER_MANAGEMENT_PORT") + "/q/health/ready").then().extract().jsonPath()
                .getString("checks.find { it.name == 'practice-schedule' }.data.secondaryIsPracticeNow");
    }

    private Map<String, Map<String, Object>> practiceItems(String session) {
        List<Map<String, Object>> items = system.as("audrey", "CATALOG_PORT").queryParam("practiceSession", session)
                .queryParam("limit", 500).get("/api/reports").then().statusCode(200).extract().jsonPath()
                .getList("items");
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        items.forEach(item -> byKey.put((String) item.get("reportKey"), item));
        return byKey;
    }

    private void switchTo(String dataCentre) {
        system.as("oscar", "FETCHER_PORT").body("""
                {"target": "%s", "reason": "e2e drill"}""".formatted(dataCentre))
                .post("/api/sites/HKSCC/data-centre").then().statusCode(200);
    }

    private void reissue(String remotePath) {
        given().baseUri(system.url("SIMULATOR_ADMIN_PORT")).queryParam("account", "rapb01234")
                .queryParam("path", remotePath).post("/api/reports/reissue").then().statusCode(200);
    }

    private Map<String, Object> awaitLatestVersionFrom(String reportKey, String dataCentre) {
        return await().atMost(WAIT).until(() -> {
            JsonPath detail = system.as("audrey", "CATALOG_PORT").get("/api/reports/" + reportKey).then()
                    .statusCode(200).extract().jsonPath();
            List<Map<String, Object>> versions = detail.getList("versions");
            return versions.get(versions.size() - 1);
        }, latest -> dataCentre.equals(latest.get("dataCentre")));
    }
}
