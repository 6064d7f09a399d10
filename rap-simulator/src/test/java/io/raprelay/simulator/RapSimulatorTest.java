package io.raprelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.simulator.host.AccountKeys;
import io.raprelay.simulator.host.RapHost;
import io.raprelay.simulator.host.SftpOperation;
import io.raprelay.simulator.report.HostileEntry;

class RapSimulatorTest {

    static final LocalDate DAY = LocalDate.of(2025, 6, 20);
    static final String USER = "rapb01234";
    static final String FINAL_STATEMENT = "INBOX/20250620/CCLTN05_B01234_20250620.txt";
    /** What a client that only lists, stats, opens and reads may send. */
    static final Set<String> READ_ONLY_REQUESTS = Set.of("INIT", "REALPATH", "OPENDIR", "READDIR", "CLOSE", "STAT",
            "LSTAT", "FSTAT", "OPEN", "READ");

    @TempDir
    static Path dataDir;
    static RapSimulator simulator;
    static SftpTestClient client;
    static KeyPair key;

    @BeforeAll
    static void start() throws Exception {
        simulator = RapSimulator.start(SimulatorConfig.forTests(dataDir));
        simulator.generator().publishDay(DAY);
        client = new SftpTestClient(simulator.knownHostsFile());
        key = SftpTestClient.load(simulator.generatedPrivateKey(USER).orElseThrow());
    }

    @AfterAll
    static void stop() {
        client.close();
        simulator.close();
    }

    @AfterEach
    void restoreHosts() {
        simulator.hosts().forEach(h -> {
            h.start();
            h.refuseLogins(false);
            h.stall().release();
        });
    }

    @Test
    void generatedAccountKeyLogsInAndSeesTheBusinessDaysReports() throws Exception {
        try (SftpClient sftp = client.open(primary(1), USER, key)) {
            List<String> names = names(sftp, "INBOX/20250620");

            assertThat(names).contains("CCLTN05_B01234_20250620.txt", "CSEMS08_B01234_20250620.txt",
                    "RMAMR03_B01234_20250620_1130_CTL.zip", "RMAMR03_B01234_20250620_1130_DAT.zip",
                    "CCMDS01_B01234_20250620.txt");
            assertThat(names(sftp, "COMMON/20250620")).containsExactly("RPF01_20250620.csv");
            assertThat(read(sftp, FINAL_STATEMENT)).startsWith("0B01234CCLTN05CCLTN05_B01234_MAIN20250620");
        }
        assertThat(Files.getPosixFilePermissions(simulator.generatedPrivateKey(USER).orElseThrow()))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void wrongKeyIsRefusedWithAClearLogEntry() {
        KeyPair stranger = AccountKeys.generate();

        assertThatThrownBy(() -> client.open(primary(1), USER, stranger).close()).hasMessageContaining("auth");

        assertThat(lastLogin(USER)).satisfies(o -> {
            assertThat(o.refused()).isTrue();
            assertThat(o.detail()).isEqualTo("public key " + AccountKeys.fingerprint(stranger.getPublic())
                    + " is not registered for this account");
        });
    }

    @Test
    void unknownUserIsRefusedWithAClearLogEntry() {
        assertThatThrownBy(() -> client.open(primary(1), "nobody", key).close()).hasMessageContaining("auth");

        assertThat(lastLogin("nobody").detail()).startsWith("unknown user: no RAP account of this name");
    }

    @Test
    void accountOfTheOtherInstallationIsUnknownHere() throws Exception {
        KeyPair derivativesKey = SftpTestClient.load(simulator.generatedPrivateKey("raphkcc01").orElseThrow());

        assertThatThrownBy(() -> client.open(primary(1), "raphkcc01", derivativesKey).close())
                .hasMessageContaining("auth");
        try (SftpClient sftp = client.open(simulator.host(Installation.HKCC_SEOCH, DataCentre.PRIMARY, 1),
                "raphkcc01", derivativesKey)) {
            assertThat(names(sftp, "RPF")).containsExactly("RPF_250620.zip");
        }
    }

    @Test
    void stoppedHostRefusesConnectionsWhileItsTwinServes() throws Exception {
        primary(1).stop();

        assertThatThrownBy(() -> client.open(primary(1), USER, key).close()).hasMessageContaining("Connection refused");
        try (SftpClient sftp = client.open(primary(2), USER, key)) {
            assertThat(read(sftp, FINAL_STATEMENT)).startsWith("0B01234");
        }
    }

    @Test
    void wholeDataCentreCanBeStoppedAndStarted() throws Exception {
        simulator.stopDataCentre(Installation.HKSCC, DataCentre.PRIMARY);

        assertThat(primary(1).isRunning()).isFalse();
        assertThat(primary(2).isRunning()).isFalse();
        try (SftpClient sftp = client.open(simulator.host(Installation.HKSCC, DataCentre.SECONDARY, 1), USER, key)) {
            assertThat(read(sftp, FINAL_STATEMENT)).startsWith("0B01234");
        }
        simulator.startDataCentre(Installation.HKSCC, DataCentre.PRIMARY);
        assertThat(primary(1).isRunning()).isTrue();
    }

    @Test
    void refuseLoginSwitchRefusesTheRightKey() {
        primary(1).refuseLogins(true);

        assertThatThrownBy(() -> client.open(primary(1), USER, key).close()).hasMessageContaining("auth");
        assertThat(lastLogin(USER).detail()).contains("refuse-login fault switch");
    }

    @Test
    void readingClientSendsOnlyReadRequestsAndEveryWriteIsRefused() throws Exception {
        Path file = simulator.home(simulator.account(USER)).resolve(FINAL_STATEMENT);
        byte[] before = Files.readAllBytes(file);
        simulator.operations().clear();

        try (SftpClient sftp = client.open(primary(1), USER, key)) {
            names(sftp, "INBOX/20250620");
            sftp.stat(FINAL_STATEMENT);
            read(sftp, FINAL_STATEMENT);
        }
        assertThat(simulator.operations().requestsBy(USER)).isNotEmpty().allMatch(READ_ONLY_REQUESTS::contains);
        assertThat(simulator.operations().requestsBy(USER)).contains("OPENDIR", "READDIR", "STAT", "OPEN", "READ");

        try (SftpClient sftp = client.open(primary(1), USER, key)) {
            assertPermissionDenied(() -> {
                try (OutputStream out = sftp.write(FINAL_STATEMENT)) {
                    out.write("tampered".getBytes(StandardCharsets.US_ASCII));
                }
            });
            assertPermissionDenied(() -> sftp.remove(FINAL_STATEMENT));
            assertPermissionDenied(() -> sftp.rename(FINAL_STATEMENT, "INBOX/20250620/moved.txt"));
            assertPermissionDenied(() -> sftp.mkdir("INBOX/done"));
            assertPermissionDenied(() -> sftp.setStat(FINAL_STATEMENT, new SftpClient.Attributes().perms(0777)));
        }
        assertThat(simulator.operations().all()).filteredOn(SftpOperation::refused)
                .extracting(SftpOperation::operation)
                .contains("OPEN", "REMOVE", "RENAME", "MKDIR", "SETSTAT");
        assertThat(simulator.operations().all()).filteredOn(SftpOperation::refused)
                .filteredOn(o -> o.operation().equals("OPEN"))
                .singleElement()
                .satisfies(o -> assertThat(o.detail()).contains("open for writing").contains("RAP is read-only"));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(file.resolveSibling("moved.txt")).doesNotExist();
    }

    @Test
    void hostKeyIsUnchangedAfterRestart() throws Exception {
        List<String> before = fingerprints();
        simulator.close();

        simulator = RapSimulator.start(SimulatorConfig.forTests(dataDir));

        assertThat(fingerprints()).hasSize(8).doesNotHaveDuplicates().isEqualTo(before);
        try (SftpClient sftp = client.open(primary(1), USER, key)) {
            assertThat(read(sftp, FINAL_STATEMENT)).startsWith("0B01234");
        }
    }

    @Test
    void rotatedHostKeyIsRefusedByAClientThatPinnedTheOldOne() throws Exception {
        RapHost host = simulator.host(Installation.HKSCC, DataCentre.SECONDARY, 2);
        String before = AccountKeys.fingerprint(host.hostKey());

        simulator.rotateHostKey(host.name(), false);

        assertThat(AccountKeys.fingerprint(host.hostKey())).isNotEqualTo(before);
        assertThatThrownBy(() -> client.open(host, USER, key).close()).hasMessageContaining("key");
    }

    @Test
    void reissueKeepsTheNameWithNewContentAndTime() throws Exception {
        String path = "INBOX/20250620/CIPSI02_B01234_20250620.txt";
        try (SftpClient sftp = client.open(primary(1), USER, key)) {
            String first = read(sftp, path);
            SftpClient.Attributes firstStat = sftp.stat(path);

            simulator.generator().reissue(USER, path);

            assertThat(read(sftp, path)).isNotEqualTo(first);
            assertThat(sftp.stat(path).getModifyTime().toInstant()).isAfter(firstStat.getModifyTime().toInstant());
        }
    }

    @Test
    void practiceModeServesOnlyThePreviousDaysPracticeCopiesFromTheSecondary() throws Exception {
        LocalDate previous = LocalDate.of(2025, 6, 19);
        simulator.startPractice(previous);
        try {
            try (SftpClient sftp = client.open(simulator.host(Installation.HKSCC, DataCentre.SECONDARY, 1), USER,
                    key)) {
                assertThat(names(sftp, "INBOX")).containsExactly("20250619");
                assertThat(read(sftp, "INBOX/20250619/CCLTN05_B01234_20250619.txt"))
                        .startsWith("PRACTICE SESSION COPY - NOT FOR PRODUCTION\n0B01234CCLTN05");
            }
            try (SftpClient sftp = client.open(primary(1), USER, key)) {
                assertThat(read(sftp, FINAL_STATEMENT)).startsWith("0B01234CCLTN05");
                assertThat(names(sftp, "INBOX")).contains("20250620").doesNotContain("20250619");
            }
        } finally {
            simulator.stopPractice();
        }
        try (SftpClient sftp = client.open(simulator.host(Installation.HKSCC, DataCentre.SECONDARY, 1), USER, key)) {
            assertThat(read(sftp, FINAL_STATEMENT)).startsWith("0B01234CCLTN05");
        }
    }

    @Test
    void zeroByteAndSlowlyWrittenFilesAreServedAsTheyAre() throws Exception {
        simulator.generator().publishZeroByte(USER, "INBOX/20250620/CSEMA08_B01234_EMPTY.txt");
        simulator.generator().writeSlowly(USER, "INBOX/20250620/SLOW_B01234_20250620.txt", 50_000,
                Duration.ofSeconds(2));

        try (SftpClient sftp = client.open(primary(1), USER, key)) {
            assertThat(sftp.stat("INBOX/20250620/CSEMA08_B01234_EMPTY.txt").getSize()).isZero();
            long early = sftp.stat("INBOX/20250620/SLOW_B01234_20250620.txt").getSize();
            assertThat(early).isLessThan(50_000);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sftp.stat("INBOX/20250620/SLOW_B01234_20250620.txt").getSize() == 50_000);
        }
    }

    @Test
    void hostileEntriesAreListedWithTheirRawNames() throws Exception {
        for (HostileEntry kind : HostileEntry.values()) {
            simulator.generator().publishHostile(USER, DAY, kind);
        }
        try (SftpClient sftp = client.open(primary(1), USER, key)) {
            List<String> names = names(sftp, "INBOX/20250620");

            assertThat(names).contains("CCLTN05/../../../../etc/cron.d/CCLTN05_B01234.txt",
                    "/tmp/rap/CCLTN05_B01234.txt",
                    "CCLTN05_B01234\n\u001b[31m\u0000.txt");
            assertThat(names).anyMatch(n -> n.length() > 1000);
            assertThat(names).anyMatch(n -> n.startsWith("CCLTN05_\uFFFD"));
            assertThat(names).noneMatch(n -> n.startsWith("HOSTILE-"));
        }
    }

    @Test
    void stalledTransferHangsMidFileUntilReleased() throws Exception {
        primary(2).stall().arm(1_000);
        try (SftpClient sftp = client.open(primary(2), USER, key)) {
            CompletableFuture<String> download = CompletableFuture.supplyAsync(() -> {
                try {
                    return read(sftp, FINAL_STATEMENT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !download.isDone());
            primary(2).stall().release();

            assertThat(download.get()).startsWith("0B01234").hasSizeGreaterThan(1_000);
        }
    }

    @Test
    void droppedConnectionsEndOpenSessions() throws Exception {
        SftpClient sftp = client.open(primary(1), USER, key);

        assertThat(primary(1).dropConnections()).isPositive();

        await().atMost(Duration.ofSeconds(5)).until(() -> !sftp.isOpen());
        assertThatThrownBy(() -> sftp.stat(FINAL_STATEMENT)).isNotNull();
    }

    static List<String> fingerprints() {
        return simulator.hosts().stream().map(h -> AccountKeys.fingerprint(h.hostKey())).toList();
    }

    static RapHost primary(int index) {
        return simulator.host(Installation.HKSCC, DataCentre.PRIMARY, index);
    }

    static List<String> names(SftpClient sftp, String dir) throws Exception {
        return StreamSupport.stream(sftp.readDir(dir).spliterator(), false)
                .map(DirEntry::getFilename)
                .filter(n -> !n.equals(".") && !n.equals(".."))
                .toList();
    }

    static String read(SftpClient sftp, String path) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = sftp.read(path)) {
            in.transferTo(out);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    static SftpOperation lastLogin(String user) {
        List<SftpOperation> logins = simulator.operations().all().stream()
                .filter(o -> o.operation().equals("AUTH") && user.equals(o.user()))
                .toList();
        assertThat(logins).as("login attempts of " + user).isNotEmpty();
        return logins.get(logins.size() - 1);
    }

    static void assertPermissionDenied(ThrowingAction action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(SftpException.class,
                e -> assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
    }

    interface ThrowingAction {
        void run() throws Exception;
    }
}
