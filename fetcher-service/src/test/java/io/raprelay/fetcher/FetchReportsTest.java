package io.raprelay.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.RejectionReason;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.ReportRejected;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.fetcher.archive.ReportArchive;
import io.raprelay.fetcher.site.FetcherConfig;
import io.raprelay.fetcher.support.EventCollector;
import io.raprelay.fetcher.support.InjectRapSimulator;
import io.raprelay.fetcher.support.RapSimulatorTestResource;
import io.raprelay.fetcher.support.ReadOnlyCheck;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.simulator.host.SftpOperation;
import io.raprelay.simulator.report.HostileEntry;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RapSimulatorTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@Order(1)
class FetchReportsTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final LocalDate DAY = LocalDate.of(2025, 6, 20);
    static final String USER = "rapb01234";

    @InjectKafka
    String bootstrapServers;
    @InjectRapSimulator
    RapSimulator simulator;
    @Inject
    FetcherConfig config;

    static EventCollector events;

    @AfterEach
    void onlyReadsOnRap() {
        ReadOnlyCheck.assertOnlyReads(simulator);
    }

    @AfterAll
    static void closeCollector() {
        if (events != null) {
            events.close();
        }
    }

    EventCollector events() {
        if (events == null) {
            events = new EventCollector(bootstrapServers);
        }
        return events;
    }

    @Test
    void everyReportOfABusinessDayArrivesOnceWithClassificationAndChecksum() throws Exception {
        simulator.generator().publishDay(DAY);
        Path home = simulator.home(simulator.account(USER));

        await().atMost(WAIT).until(() -> reportsOf(USER).size() >= 17);

        ReportArrived statement = only("HKSCC/rapb01234/INBOX/20250620/CCLTN05_B01234_20250620.txt");
        Path remote = home.resolve(statement.remotePath());
        assertThat(statement.clearingHouse()).isEqualTo(ClearingHouse.HKSCC);
        assertThat(statement.sourceSystem()).isEqualTo(SourceSystem.CCASS);
        assertThat(statement.reportCode()).isEqualTo("CCLTN05");
        assertThat(statement.participant()).isEqualTo("B01234");
        assertThat(statement.businessDate()).isEqualTo(DAY);
        assertThat(statement.size()).isEqualTo(Files.size(remote));
        assertThat(statement.sha256()).isEqualTo(ReportArchive.sha256Of(remote));
        assertThat(statement.dataCentre()).isEqualTo(DataCentre.PRIMARY);
        assertThat(statement.installation()).isEqualTo(Installation.HKSCC);
        assertThat(statement.mediaType()).isEqualTo("text/plain");
        assertThat(Files.readAllBytes(Path.of(URI.create(statement.archiveLocation()))))
                .isEqualTo(Files.readAllBytes(remote));

        ReportArrived margin = only("HKSCC/rapb01234/INBOX/20250620/RMAMR03_B01234_20250620_1130_DAT.zip");
        assertThat(margin.sourceSystem()).isEqualTo(SourceSystem.VAR);
        assertThat(margin.reportCode()).isEqualTo("RMAMR03");
        assertThat(margin.mediaType()).isEqualTo("application/zip");
        assertThat(only("HKSCC/rapb01234/COMMON/20250620/RPF01_20250620.csv").participant()).isNull();

        await().atMost(WAIT).until(() -> reportsOf("raphkcc01").size() >= 4);
        ReportArrived rpf = only("HKCC_SEOCH/raphkcc01/RPF/RPF_250620.zip");
        assertThat(rpf.clearingHouse()).isEqualTo(ClearingHouse.HKCC);
        assertThat(rpf.businessDate()).isEqualTo(DAY);
        ReportArrived dcass = only("HKCC_SEOCH/raphkcc01/INBOX/20250620/DCSIM01_HKCC01_20250620.txt");
        assertThat(dcass.sourceSystem()).isEqualTo(SourceSystem.DCASS);
        assertThat(dcass.reportCode()).isEqualTo("UNKNOWN");

        assertThat(events().events(ReportArrived.class)).extracting(ReportArrived::reportId).doesNotHaveDuplicates();
    }

    @Test
    void aBurstIsDownloadedOverSeveralSessionsAtOnceButNoMoreThanConfigured() {
        LocalDate day = LocalDate.of(2025, 6, 24);
        String folder = "/" + day.toString().replace("-", "") + "/";
        simulator.operations().clear(); // earlier files are all fetched: every OPEN from now on is one of this day's
        int published = (int) simulator.generator().publishDay(day).stream()
                .filter(p -> p.toString().contains("/" + USER + "/")).count();

        await().atMost(WAIT).until(() -> reportsOf(USER).stream()
                .filter(r -> r.remotePath().contains(folder)).count() == published);

        // Each session that opened a file (the listing session only opens folders), first to last request.
        Map<String, List<SftpOperation>> byDownloadSession = simulator.operations().all().stream()
                .filter(o -> o.user().equals(USER))
                .collect(Collectors.groupingBy(o -> o.host() + "#" + o.session()));
        byDownloadSession.values().removeIf(ops -> ops.stream().noneMatch(o -> o.operation().equals("OPEN")));
        assertThat(byDownloadSession).hasSizeGreaterThan(1);
        assertThat(mostAtOnce(byDownloadSession.values())).isBetween(2, config.poll().parallelDownloads());
    }

    /** The largest number of sessions whose first-to-last request spans overlap at one instant. */
    private static int mostAtOnce(Collection<List<SftpOperation>> sessions) {
        List<Instant[]> spans = sessions.stream().map(ops -> new Instant[]{
                ops.stream().map(SftpOperation::at).min(Comparator.naturalOrder()).orElseThrow(),
                ops.stream().map(SftpOperation::at).max(Comparator.naturalOrder()).orElseThrow()}).toList();
        return spans.stream().mapToInt(span -> (int) spans.stream()
                .filter(other -> !other[0].isAfter(span[0]) && !other[1].isBefore(span[0])).count())
                .max().orElse(0);
    }

    @Test
    void reissuedFileBecomesANewVersionOfTheSameReport() {
        String path = "INBOX/20250620/CIPSI02_B01234_20250620.txt";
        simulator.generator().publishDay(DAY);
        String key = "HKSCC/" + USER + "/" + path;
        await().atMost(WAIT).until(() -> versions(key).size() == 1);

        simulator.generator().reissue(USER, path);

        await().atMost(WAIT).until(() -> versions(key).size() == 2);
        List<ReportArrived> versions = versions(key);
        assertThat(versions.get(0).reportId()).isNotEqualTo(versions.get(1).reportId());
        assertThat(versions.get(0).sha256()).isNotEqualTo(versions.get(1).sha256());
        assertThat(versions.get(0).archiveLocation()).isNotEqualTo(versions.get(1).archiveLocation());
    }

    @Test
    void growingFileIsTakenOnlyOnceStableAndWhole() {
        String path = "INBOX/20250620/CSEMA08_B01234_SLOW.txt";
        simulator.generator().writeSlowly(USER, path, 300_000, Duration.ofSeconds(3));

        await().atMost(WAIT).until(() -> !versions("HKSCC/" + USER + "/" + path).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> versions("HKSCC/" + USER + "/" + path).size() == 1);
        assertThat(versions("HKSCC/" + USER + "/" + path).get(0).size()).isEqualTo(300_000);
    }

    @Test
    void zeroByteFileIsAValidReport() {
        String path = "INBOX/20250620/CSEMS08_B01234_EMPTY.txt";
        simulator.generator().publishZeroByte(USER, path);

        await().atMost(WAIT).until(() -> !versions("HKSCC/" + USER + "/" + path).isEmpty());
        assertThat(versions("HKSCC/" + USER + "/" + path).get(0).size()).isZero();
        assertThat(versions("HKSCC/" + USER + "/" + path).get(0).sha256())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void hostileNamesAreRejectedOnceEachAndOtherFilesStillArrive() {
        LocalDate day = LocalDate.of(2025, 6, 23);
        for (HostileEntry kind : HostileEntry.values()) {
            simulator.generator().publishHostile(USER, day, kind);
        }
        simulator.generator().publishZeroByte(USER, "INBOX/20250623/CCLTN05_B01234_20250623.txt");

        await().atMost(WAIT).until(() -> rejections(day).size() >= 5);
        await().atMost(WAIT).until(() -> !versions("HKSCC/" + USER + "/INBOX/20250623/CCLTN05_B01234_20250623.txt")
                .isEmpty());
        Set<RejectionReason> reasons = rejections(day).stream().map(ReportRejected::reason)
                .collect(Collectors.toSet());
        assertThat(reasons).containsExactlyInAnyOrder(RejectionReason.PATH_TRAVERSAL,
                RejectionReason.CONTROL_CHARACTERS, RejectionReason.NAME_TOO_LONG, RejectionReason.INVALID_ENCODING);
        assertThat(rejections(day)).filteredOn(r -> r.reason() == RejectionReason.PATH_TRAVERSAL).hasSize(2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> rejections(day).size() == 5);
        assertThat(rejections(day)).allSatisfy(r -> assertThat(r.remotePath()).doesNotContain("\n", "\u001b"));
    }

    @Test
    void aPathTooLongForAReportKeyIsRefusedOnceAndNeverFetched() throws Exception {
        // Each name is legal on its own; together they pass the 512 characters a report key may have.
        Path folder = Files.createDirectories(simulator.home(simulator.account(USER)).resolve("INBOX")
                .resolve("D".repeat(250)));
        Files.writeString(folder.resolve("F".repeat(246) + ".txt"), "x");
        String remotePath = "INBOX/" + "D".repeat(250) + "/" + "F".repeat(246) + ".txt";

        await().atMost(WAIT).until(() -> events().events(ReportRejected.class).stream()
                .anyMatch(r -> r.remotePath().equals(remotePath)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> events()
                .events(ReportRejected.class).stream().filter(r -> r.remotePath().equals(remotePath)).count() == 1);
        assertThat(events().events(ReportRejected.class)).filteredOn(r -> r.remotePath().equals(remotePath))
                .singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.PATH_TOO_LONG));
        assertThat(events().events(ReportArrived.class)).noneMatch(r -> r.remotePath().equals(remotePath));
    }

    private List<ReportRejected> rejections(LocalDate day) {
        return events().events(ReportRejected.class).stream()
                .filter(r -> r.remotePath().startsWith("INBOX/" + day.toString().replace("-", "")))
                .toList();
    }

    private List<ReportArrived> reportsOf(String user) {
        return events().events(ReportArrived.class).stream().filter(r -> r.account().equals(user)).toList();
    }

    private List<ReportArrived> versions(String reportKey) {
        return events().events(ReportArrived.class).stream().filter(r -> r.reportKey().equals(reportKey)).toList();
    }

    private ReportArrived only(String reportKey) {
        List<ReportArrived> versions = versions(reportKey);
        assertThat(versions).as(reportKey).hasSize(1);
        return versions.get(0);
    }
}
