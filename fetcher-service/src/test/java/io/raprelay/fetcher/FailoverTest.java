package io.raprelay.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.FailureReason;
import io.raprelay.contracts.FetchFailed;
import io.raprelay.contracts.FetchRecovered;
import io.raprelay.contracts.HostFailover;
import io.raprelay.contracts.HostKeyRejected;
import io.raprelay.contracts.HostRecovered;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.fetcher.support.EventCollector;
import io.raprelay.fetcher.support.InjectRapSimulator;
import io.raprelay.fetcher.support.ReadOnlyCheck;
import io.raprelay.simulator.RapSimulator;
import io.raprelay.simulator.host.AccountKeys;
import io.raprelay.simulator.host.RapHost;
import io.raprelay.testing.kafka.InjectKafka;

/** Host failover, outages and host-key changes, against the simulator's fault switches. */
@QuarkusTest
@Order(2)
class FailoverTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static EventCollector events;

    @InjectKafka
    String bootstrapServers;
    @InjectRapSimulator
    RapSimulator simulator;

    @AfterEach
    void restoreHosts() {
        simulator.hosts().forEach(RapHost::start);
        simulator.hosts().forEach(h -> h.stall().release());
        ReadOnlyCheck.assertOnlyReads(simulator);
    }

    @AfterAll
    static void close() {
        if (events != null) {
            events.close();
        }
    }

    @Test
    void stoppedHostOneIsReplacedByHostTwoOnTheSamePollAndTakenBackWhenHealthy() {
        RapHost hostOne = host(Installation.HKSCC, 1);
        RapHost hostTwo = host(Installation.HKSCC, 2);
        Instant started = Instant.now();
        hostOne.stop();
        String first = publish("rapb01234", "INBOX/20250701/CCLTN05_B01234_20250701.txt");

        ReportArrived viaTwo = await().atMost(WAIT).until(() -> arrived(first), Optional::isPresent).get();
        assertThat(viaTwo.host()).isEqualTo("127.0.0.1:" + hostTwo.port());
        assertThat(events().events(HostFailover.class)).anySatisfy(f -> {
            assertThat(f.account()).isEqualTo("rapb01234");
            assertThat(f.fromHost()).isEqualTo("127.0.0.1:" + hostOne.port());
            assertThat(f.toHost()).isEqualTo("127.0.0.1:" + hostTwo.port());
            assertThat(f.reason()).isEqualTo(FailureReason.NETWORK);
        });

        hostOne.start();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String next = publish("rapb01234", "INBOX/20250701/CSEMS08_B01234_" + System.nanoTime() + ".txt");
            return await().atMost(WAIT).until(() -> arrived(next), Optional::isPresent).get().host()
                    .equals("127.0.0.1:" + hostOne.port());
        });
        // Back on host 1: once, naming the failover it ends (whoever was told of it is told it ended).
        HostFailover failover = events().events(HostFailover.class).stream()
                .filter(f -> f.account().equals("rapb01234") && f.occurredAt().isAfter(started)).findFirst()
                .orElseThrow();
        HostRecovered recovered = await().atMost(WAIT).until(() -> events().events(HostRecovered.class).stream()
                .filter(r -> r.account().equals("rapb01234") && r.occurredAt().isAfter(started)).findFirst(),
                Optional::isPresent).get();
        assertThat(recovered.host()).isEqualTo("127.0.0.1:" + hostOne.port());
        assertThat(recovered.failoverEventIds()).contains(failover.eventId());
        assertThat(recovered.failedOverAt()).isEqualTo(failover.occurredAt());
        assertThat(recovered.dataCentre()).isEqualTo(DataCentre.PRIMARY);
        assertThat(events().events(HostRecovered.class))
                .filteredOn(r -> r.account().equals("rapb01234") && r.occurredAt().isAfter(started)).hasSize(1);
    }

    @Test
    void bothHostsDownGivesOneFetchFailedNamingThemAndRecoversAfterwards() {
        simulator.stopDataCentre(Installation.HKCC_SEOCH, DataCentre.PRIMARY);

        FetchFailed failed = await().atMost(WAIT).until(() -> events().events(FetchFailed.class).stream()
                .filter(f -> f.account().equals("raphkcc01")).findFirst(), Optional::isPresent).get();
        assertThat(failed.reason()).isEqualTo(FailureReason.NETWORK);
        assertThat(failed.hostsTried()).containsExactly("127.0.0.1:" + host(Installation.HKCC_SEOCH, 1).port(),
                "127.0.0.1:" + host(Installation.HKCC_SEOCH, 2).port());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> events()
                .events(FetchFailed.class).stream().filter(f -> f.account().equals("raphkcc01")).count() == 1);

        simulator.startDataCentre(Installation.HKCC_SEOCH, DataCentre.PRIMARY);
        String later = publish("raphkcc01", "INBOX/20250701/DCSIM01_HKCC01_20250701.txt");
        await().atMost(WAIT).until(() -> arrived(later).isPresent());
        // The outage's end, once, naming the failure it ends (whoever was told of it is told it ended).
        FetchRecovered recovered = await().atMost(WAIT).until(() -> events().events(FetchRecovered.class).stream()
                .filter(r -> r.account().equals("raphkcc01")).findFirst(), Optional::isPresent).get();
        assertThat(recovered.failureEventIds()).containsExactly(failed.eventId());
        assertThat(recovered.outageSince()).isEqualTo(failed.outageSince());
        assertThat(recovered.failedPolls()).isGreaterThanOrEqualTo(failed.attempts());
        assertThat(recovered.host()).isIn("127.0.0.1:" + host(Installation.HKCC_SEOCH, 1).port(),
                "127.0.0.1:" + host(Installation.HKCC_SEOCH, 2).port());
        assertThat(recovered.occurredAt()).isAfter(failed.occurredAt());
        assertThat(events().events(FetchRecovered.class)).filteredOn(r -> r.account().equals("raphkcc01"))
                .hasSize(1);
    }

    @Test
    void changedHostKeyIsRejectedWithBothFingerprintsAndNothingIsReadFromThatHost() {
        RapHost hostOne = host(Installation.HKSCC, 1);
        String pinned = AccountKeys.fingerprint(hostOne.hostKey());
        simulator.rotateHostKey(hostOne.name(), false);
        simulator.operations().clear();
        String path = publish("rapb01234", "INBOX/20250702/CIPSI02_B01234_20250702.txt");

        HostKeyRejected rejected = await().atMost(WAIT).until(() -> events().events(HostKeyRejected.class).stream()
                .filter(r -> r.host().equals("127.0.0.1:" + hostOne.port())).findFirst(), Optional::isPresent).get();
        assertThat(rejected.expectedFingerprint()).isEqualTo(pinned);
        assertThat(rejected.presentedFingerprint()).isEqualTo(AccountKeys.fingerprint(hostOne.hostKey()))
                .isNotEqualTo(pinned);
        ReportArrived report = await().atMost(WAIT).until(() -> arrived(path), Optional::isPresent).get();
        assertThat(report.host()).isEqualTo("127.0.0.1:" + host(Installation.HKSCC, 2).port());
        assertThat(simulator.operations().all()).filteredOn(o -> o.host().equals(hostOne.name()))
                .noneMatch(o -> o.operation().equals("OPEN") || o.operation().equals("READ"));

        simulator.refreshKnownHosts(); // the operator re-pins the new key
    }

    @Test
    void transferStalledMidFileIsAbortedAndFetchedWholeLater() {
        // Both hosts: the account may be on either after the other tests.
        List<RapHost> hosts = List.of(host(Installation.HKSCC, 1), host(Installation.HKSCC, 2));
        hosts.forEach(h -> h.stall().arm(10_000));
        String path = "INBOX/20250704/SLOW_B01234_20250704.txt";
        simulator.generator().writeSlowly("rapb01234", path, 100_000, Duration.ofMillis(100));

        // The read timeout (3 s in tests) aborts the stalled download; nothing is published meanwhile.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> arrived(path).isEmpty());
        hosts.forEach(h -> h.stall().release());

        ReportArrived report = await().atMost(WAIT).until(() -> arrived(path), Optional::isPresent).get();
        assertThat(report.size()).isEqualTo(100_000);
    }

    private RapHost host(Installation installation, int index) {
        return simulator.host(installation, DataCentre.PRIMARY, index);
    }

    private String publish(String user, String path) {
        simulator.generator().publishZeroByte(user, path);
        return path;
    }

    private Optional<ReportArrived> arrived(String remotePath) {
        List<ReportArrived> found = events().events(ReportArrived.class).stream()
                .filter(r -> r.remotePath().equals(remotePath)).toList();
        return found.stream().findFirst();
    }

    private EventCollector events() {
        if (events == null) {
            events = new EventCollector(bootstrapServers);
        }
        return events;
    }
}
