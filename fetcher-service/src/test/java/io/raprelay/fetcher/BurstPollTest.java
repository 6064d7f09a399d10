package io.raprelay.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * seconds, because a poll that reached its cap is followed at once by the next, and once the backlog is gone the
 * fetcher waits for its interval again instead of polling in a loop.
 */
@QuarkusTest
@TestProfile(BurstPollTest.CappedPolls.class)
@Order(7)
class BurstPollTest {

    private static final int CAP = 3;
    private static final int BURST = 11;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @InjectKafka
    String bootstrapServers;
    @InjectRapSimulator
    RapSimulator simulator;

    /** Three files per poll, a poll every ten minutes; the first poll after eight seconds, when the burst is there. */
    public static class CappedPolls implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fetcher.poll.max-files-per-poll", String.valueOf(CAP),
                    "fetcher.poll.interval", "10m",
                    "fetcher.poll.initial-delay", "8s");
        }
    }

    /** Polls of account rapb01234 completed so far. */
    double completedPolls() {
        return CompletedPolls.of(management, "rapb01234");
    }

    @Test
    void aBurstBeyondTheCapArrivesWithoutWaitingForTheIntervalAndThenPollingRests() {
        List<String> burst = IntStream.range(0, BURST)
                .mapToObj(i -> "INBOX/20250704/CCLTN05_B01234_20250704_%02d.txt".formatted(i))
                .toList();
        try (EventCollector events = new EventCollector(bootstrapServers)) {
            burst.forEach(path -> simulator.generator().publishZeroByte("rapb01234", path));

            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(events.events(ReportArrived.class))
                    .extracting(ReportArrived::remotePath).containsAll(burst));
            // Three capped polls and the one that took the last two, all long before the ten-minute interval ...
            int polls = (BURST + CAP - 1) / CAP;
            await().atMost(Duration.ofSeconds(10)).until(() -> completedPolls() >= polls);
            // ... and then no more: the backlog is gone.
            double settled = completedPolls();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> completedPolls() == settled);
        }
    }
}
