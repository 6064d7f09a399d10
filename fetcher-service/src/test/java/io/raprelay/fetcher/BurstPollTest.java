package io.raprelay.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.fetcher.support.CompletedPolls;
import io.raprelay.fetcher.support.EventCollector;
import io.raprelay.fetcher.support.InjectRapSimulator;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.testing.kafka.InjectKafka;

/**
 * A burst larger than one poll may take, with a poll interval far longer than the test: every file arrives within
 * seconds, because a poll that reached its cap is followed at once by the next, over the download sessions the poll
 * before opened; a file still too young when the burst was polled is taken as soon as it is old enough, not an
 * interval later; then the fetcher waits for its interval again instead of polling in a loop.
 */
@QuarkusTest
@TestProfile(BurstPollTest.CappedPolls.class)
@Order(7)
class BurstPollTest {

    private static final int CAP = 3;
    private static final int BURST = 11;
    private static final int PARALLEL_DOWNLOADS = 2;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @InjectKafka
    String bootstrapServers;
    @InjectRapSimulator
    RapSimulator simulator;

    /**
     * Three files per poll, two at a time, a poll every ten minutes; the first poll after eight seconds, when the burst
     * is there.
     */
    public static class CappedPolls implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fetcher.poll.max-files-per-poll", String.valueOf(CAP),
                    "fetcher.poll.parallel-downloads", String.valueOf(PARALLEL_DOWNLOADS),
                    "fetcher.poll.interval", "10m",
                    "fetcher.poll.initial-delay", "8s");
        }
    }

    /** Polls of account rapb01234 completed so far. */
    double completedPolls() {
        return CompletedPolls.of(management, "rapb01234");
    }

    @Test
    void aBurstBeyondTheCapAndAFileTooYoungArriveWithoutWaitingForTheIntervalAndThenPollingRests() throws Exception {
        List<String> burst = IntStream.range(0, BURST)
                .mapToObj(i -> "INBOX/20250704/CCLTN05_B01234_20250704_%02d.txt".formatted(i))
                .toList();
        String young = "INBOX/20250704/CCLTN05_B01234_20250704_young.txt";
        try (EventCollector events = new EventCollector(bootstrapServers)) {
            simulator.operations().clear();
            burst.forEach(path -> simulator.generator().publishZeroByte("rapb01234", path));
            // Listed as written 12 s from now: still younger than the minimum age (1 s) when the burst is polled.
            Instant written = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
            Files.setLastModifiedTime(simulator.generator().publishZeroByte("rapb01234", young),
                    FileTime.from(written));

            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(events.events(ReportArrived.class))
                    .extracting(ReportArrived::remotePath).containsAll(burst).contains(young));
            // The young file was taken once old enough (the end of its listed second plus the minimum age) ...
            assertThat(events.events(ReportArrived.class)).filteredOn(e -> e.remotePath().equals(young))
                    .singleElement().satisfies(e -> assertThat(e.fetchedAt()).isAfterOrEqualTo(written.plusSeconds(2)));
            // ... long before the ten-minute interval, and then no more polls: the backlog is gone, nothing settles.
            double settled = completedPolls();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> completedPolls() == settled);
            assertThat(settled).isGreaterThanOrEqualTo((BURST + CAP - 1) / CAP + 1);
            // The burst's four polls downloaded over the sessions the first one opened, not over sessions of their
            // own (one more for the young file's poll, after the backlog).
            assertThat(downloadSessions()).hasSizeBetween(2, PARALLEL_DOWNLOADS + 1);
        }
    }

    /** The account's SFTP sessions (host and session id) that opened a file; the listing sessions open none. */
    private Set<String> downloadSessions() {
        return simulator.operations().all().stream()
                .filter(o -> "rapb01234".equals(o.user()) && o.operation().equals("OPEN"))
                .map(o -> o.host() + "#" + o.session()).collect(Collectors.toSet());
    }
}
