package io.raprelay.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.fetcher.archive.ReportArchive;
import io.raprelay.fetcher.site.FetcherConfig;
import io.raprelay.fetcher.support.EventCollector;
import io.raprelay.fetcher.support.InjectRapSimulator;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.s3.S3TestResource;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The fetcher with the S3 archive (fetcher.archive-store=s3) against a real S3 protocol server: a business day's
 * reports and one larger than a part arrive as objects keyed like the file archive, with the checksum of the bytes RAP
 * served, and nothing is written to the file archive.
 */
@QuarkusTest
@TestProfile(FetchToS3Test.S3ArchiveProfile.class)
@Order(8)
class FetchToS3Test {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final LocalDate DAY = LocalDate.of(2025, 8, 29);
    static final String USER = "rapb01234";
    static final String BUCKET = S3TestResource.BUCKET;

    @InjectKafka
    String bootstrapServers;
    @InjectRapSimulator
    RapSimulator simulator;
    @Inject
    FetcherConfig config;

    public static class S3ArchiveProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fetcher.s3.part-size", "5M");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3TestResource.class));
        }
    }

    @Test
    void aDaysReportsAndOneLargerThanAPartArriveAsObjectsWithTheirChecksums() throws Exception {
        Path home = simulator.home(simulator.account(USER));
        byte[] large = new byte[6 * 1024 * 1024 + 17];
        new Random(7).nextBytes(large);
        String largePath = "INBOX/20250829/RMAMR03_B01234_20250829_1130_DAT.zip";
        try (EventCollector events = new EventCollector(bootstrapServers);
                S3Client s3 = S3TestResource.client()) {
            simulator.generator().publishDay(DAY);
            Path largeFile = Files.createDirectories(home.resolve("INBOX/20250829")).resolve(
                    "RMAMR03_B01234_20250829_1130_DAT.zip");
            Files.write(largeFile, large);

            await().atMost(WAIT).until(() -> arrivals(events, "").size() >= 20
                    && arrivals(events, largePath).size() == 1);

            for (ReportArrived arrived : arrivals(events, "")) {
                Path remote = simulator.home(simulator.account(arrived.account())).resolve(arrived.remotePath());
                URI location = URI.create(arrived.archiveLocation());
                assertThat(location.getScheme()).isEqualTo("s3");
                assertThat(location.getHost()).isEqualTo(BUCKET);
                assertThat(location.getPath()).isEqualTo("/" + arrived.installation() + "/" + arrived.account()
                        + "/2025-08-29/" + arrived.fileName());
                byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(location.getPath().substring(1)))
                        .asByteArray();
                assertThat(stored).as(arrived.remotePath()).isEqualTo(Files.readAllBytes(remote));
                assertThat(arrived.sha256()).isEqualTo(ReportArchive.sha256Of(remote));
                assertThat(arrived.size()).isEqualTo(Files.size(remote));
            }
            ReportArrived big = arrivals(events, largePath).get(0);
            assertThat(big.size()).isEqualTo(large.length);
            assertThat(s3.headObject(b -> b.bucket(BUCKET).key("HKSCC/" + USER + "/2025-08-29/"
                    + "RMAMR03_B01234_20250829_1130_DAT.zip")).eTag()).as("a multipart upload of two parts")
                    .endsWith("-2\"");
        }
        assertThat(config.dataDir().resolve("archive/HKSCC/" + USER + "/2025-08-29")).doesNotExist();
    }

    private static List<ReportArrived> arrivals(EventCollector events, String remotePathPart) {
        return events.events(ReportArrived.class).stream()
                .filter(a -> a.businessDate().equals(DAY) && a.remotePath().contains(remotePathPart))
                .toList();
    }
}
