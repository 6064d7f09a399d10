package io.raprelay.fetcher.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.raprelay.contracts.Installation;

class ReportArchiveTest {

    static final LocalDate DAY = LocalDate.of(2025, 6, 20);

    @TempDir
    Path root;

    @Test
    void writesUnderInstallationAccountAndDateWithTheChecksumOfTheBytes() throws Exception {
        ArchivedFile file = new ReportArchive(root).write(Installation.HKSCC, "rapb01234", DAY, "CCLTN05.txt",
                stream("abc"), 1_000);

        assertThat(file.path()).isEqualTo(root.resolve("HKSCC/rapb01234/2025-06-20/CCLTN05.txt"));
        assertThat(file.size()).isEqualTo(3);
        assertThat(file.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Files.readString(file.path())).isEqualTo("abc");
        assertThat(ReportArchive.sha256Of(file.path())).isEqualTo(file.sha256());
    }

    @Test
    void sameContentAgainLandsOnTheSamePathAndOtherContentKeepsTheEarlierVersion() throws Exception {
        ReportArchive archive = new ReportArchive(root);
        ArchivedFile first = archive.write(Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), 100);
        ArchivedFile again = archive.write(Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), 100);
        ArchivedFile reissue = archive.write(Installation.HKSCC, "a", DAY, "R.txt", stream("v2"), 100);

        assertThat(again.path()).isEqualTo(first.path());
        assertThat(reissue.path()).isNotEqualTo(first.path());
        assertThat(reissue.path().getFileName().toString()).startsWith("R.txt@");
        assertThat(Files.readString(first.path())).isEqualTo("v1");
        assertThat(Files.readString(reissue.path())).isEqualTo("v2");
    }

    @Test
    void unfinishedWritesOfACrashAreRemovedAndArchivedFilesKept() throws Exception {
        ReportArchive archive = new ReportArchive(root);
        ArchivedFile kept = archive.write(Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), 100);
        Path unfinished = kept.path().resolveSibling(".S.txt.0b7c2f4e-5a7e-4f43-9d55-2b1f9d0e6a11.part");
        Files.writeString(unfinished, "half");
        Path hiddenReport = kept.path().resolveSibling(".profile");
        Files.writeString(hiddenReport, "not ours");

        assertThat(archive.removeLeftovers()).isEqualTo(1);
        assertThat(unfinished).doesNotExist();
        assertThat(kept.path()).hasContent("v1");
        assertThat(hiddenReport).exists();
        assertThat(new ReportArchive(root.resolve("not-yet-created")).removeLeftovers()).isZero();
    }

    @Test
    void oversizeStreamAndUnsafeNamesLeaveNothingBehind() throws Exception {
        ReportArchive archive = new ReportArchive(root);

        assertThatThrownBy(() -> archive.write(Installation.HKSCC, "a", DAY, "big.txt", stream("0123456789"), 5))
                .isInstanceOf(ReportArchive.OversizeException.class);
        assertThatThrownBy(() -> archive.write(Installation.HKSCC, "a", DAY, "../escape.txt", stream("x"), 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> archive.write(Installation.HKSCC, "..", DAY, "x.txt", stream("x"), 5))
                .isInstanceOf(IllegalArgumentException.class);

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void largeFileStreamsWithoutHoldingItInMemory() throws Exception {
        long size = 64L * 1024 * 1024;
        InputStream zeros = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                left -= n;
                Arrays.fill(b, off, off + n, (byte) 0);
                return n;
            }
        };

        ArchivedFile file = new ReportArchive(root).write(Installation.HKCC_SEOCH, "a", DAY, "zeros.bin", zeros,
                size);

        assertThat(Files.size(file.path())).isEqualTo(size);
        assertThat(file.sha256()).isEqualTo("3b6a07d0d404fab4e23b6d34bc6696a6a312dd92821332385e5af7c01c421351");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}
