package io.raprelay.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

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
import io.raprelay.fetcher.support.ReadOnlyCheck;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.testing.kafka.InjectKafka;

/**
 * A second start of the fetcher (another profile restarts the application) over the same RAP files and the same
 * Kafka: nothing fetched before is published again, and new files still arrive.
 */
@QuarkusTest
@TestProfile(FetcherRestartTest.Restarted.class)
@Order(6)
class FetcherRestartTest {

    /** The management interface (its own port), ending in {@code /q/}. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @InjectKafka
    String bootstrapServers;
    @InjectRapSimulator
    RapSimulator simulator;

    /** Same configuration; a distinct profile makes Quarkus start a fresh application. */
    public static class Restarted implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fetcher.poll.max-files-per-poll", "100");
        }
    }

    /** Polls of account rapb01234 completed so far. */
    double completedPolls() {
        return CompletedPolls.of(management, "rapb01234");
    }

    @Test
    void restartedFetcherPublishesNoFileTwiceAndGoesOn() {
        try (EventCollector events = new EventCollector(bootstrapServers)) {
            String path = "INBOX/20250703/CCLTN05_B01234_20250703.txt";
            simulator.generator().publishZeroByte("rapb01234", path);

            await().atMost(Duration.ofSeconds(30)).until(() -> events.events(ReportArrived.class).stream()
                    .anyMatch(r -> r.remotePath().equals(path)));
            // Let the restarted fetcher poll over every earlier file a few more times.
            double polls = completedPolls();
            await().atMost(Duration.ofSeconds(30)).until(() -> completedPolls() >= polls + 3);

            Map<String, Long> perReport = events.events(ReportArrived.class).stream()
                    .collect(Collectors.groupingBy(ReportArrived::reportId, Collectors.counting()));
            assertThat(perReport).hasSizeGreaterThan(20);
            assertThat(perReport.values()).allMatch(count -> count == 1);
        }
        ReadOnlyCheck.assertOnlyReads(simulator);
    }
}
