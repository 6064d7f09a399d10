package io.raprelay.fetcher.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.raprelay.contracts.ArchiveLayout;
import io.raprelay.contracts.Installation;

class ReportArchiveTest {

    static final LocalDate DAY = LocalDate.of(2025, 6, 20);

    @TempDir
    Path root;

    @Test
    void writesUnderInstallationAccountAndDateWithTheChecksumOfTheBytes() throws Exception {
        ArchivedFile file = new ReportArchive(root).write(Installation.HKSCC, "rapb01234", DAY, "CCLTN05.txt",
                stream("abc"), 1_000);

        assertThat(Path.of(file.location())).isEqualTo(root.resolve("HKSCC/rapb01234/2025-06-20/CCLTN05.txt"));
        assertThat(file.size()).isEqualTo(3);
        assertThat(file.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Files.readString(Path.of(file.location()))).isEqualTo("abc");
        assertThat(ReportArchive.sha256Of(Path.of(file.location()))).isEqualTo(file.sha256());
    }

    @Test
    void sameContentAgainLandsOnTheSamePathAndOtherContentKeepsTheEarlierVersion() throws Exception {
        ReportArchive archive = new ReportArchive(root);
        ArchivedFile first = archive.write(Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), 100);
        ArchivedFile again = archive.write(Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), 100);
        ArchivedFile reissue = archive.write(Installation.HKSCC, "a", DAY, "R.txt", stream("v2"), 100);

        assertThat(Path.of(again.location())).isEqualTo(Path.of(first.location()));
        assertThat(Path.of(reissue.location())).isNotEqualTo(Path.of(first.location()));
        assertThat(Path.of(reissue.location()).getFileName().toString()).startsWith("R.txt@");
        assertThat(Files.readString(Path.of(first.location()))).isEqualTo("v1");
        assertThat(Files.readString(Path.of(reissue.location()))).isEqualTo("v2");
    }

    @Test
    void unfinishedWritesOfACrashAreRemovedAndArchivedFilesKept() throws Exception {
        ReportArchive archive = new ReportArchive(root);
        ArchivedFile kept = archive.write(Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), 100);
        Path unfinished = Path.of(kept.location()).resolveSibling(".S.txt.0b7c2f4e-5a7e-4f43-9d55-2b1f9d0e6a11.part");
        Files.writeString(unfinished, "half");
        Path hiddenReport = Path.of(kept.location()).resolveSibling(".profile");
        Files.writeString(hiddenReport, "not ours");

        assertThat(archive.removeLeftovers()).isEqualTo(1);
        assertThat(unfinished).doesNotExist();
        assertThat(Path.of(kept.location())).hasContent("v1");
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
    void aNameOfTheLongestLengthIsArchivedAndItsReissueGetsAShortenedUniqueName() throws Exception {
        ReportArchive archive = new ReportArchive(root);
        String name = "R".repeat(FileNameGuard.MAX_NAME_BYTES - 4) + ".txt";
        ArchivedFile first = archive.write(Installation.HKSCC, "a", DAY, name, stream("v1"), 100);
        ArchivedFile reissue = archive.write(Installation.HKSCC, "a", DAY, name, stream("v2"), 100);
        String other = "R".repeat(FileNameGuard.MAX_NAME_BYTES - 5) + "X.txt";
        ArchivedFile otherReissue = archive.write(Installation.HKSCC, "a", DAY, other, stream("v1"), 100);
        ArchivedFile otherSecond = archive.write(Installation.HKSCC, "a", DAY, other, stream("v2"), 100);

        assertThat(Path.of(first.location()).getFileName().toString()).isEqualTo(name);
        assertThat(Path.of(reissue.location()).getFileName().toString().getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(FileNameGuard.MAX_NAME_BYTES);
        assertThat(Path.of(reissue.location())).hasContent("v2");
        assertThat(Path.of(otherSecond.location())).isNotEqualTo(Path.of(reissue.location())).hasContent("v2");
        assertThat(Path.of(first.location())).hasContent("v1");
        assertThat(Path.of(otherReissue.location())).hasContent("v1");
    }

    @Test
    void aLongMultiByteNameIsShortenedOnACharacterBoundary() {
        String name = "報".repeat(85); // 255 bytes in UTF-8
        String version = ArchiveLayout.versionName(name, "0123456789abcdef".repeat(4));
        assertThat(version.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(FileNameGuard.MAX_NAME_BYTES);
        assertThat(version).startsWith("報報").endsWith("@0123456789abcdef").doesNotContain("\uFFFD");
    }

    @Test
    void twoVersionsOfOneNameWrittenAtOnceNeverOverwriteEachOther() throws Exception {
        ReportArchive archive = new ReportArchive(root);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<ArchivedFile>> writes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String content = "version " + i;
                writes.add(writers.submit(() -> archive.write(Installation.HKSCC, "a", DAY, "R.txt",
                        stream(content), 100)));
            }
            Set<Path> paths = new HashSet<>();
            for (int i = 0; i < writes.size(); i++) {
                ArchivedFile file = writes.get(i).get();
                assertThat(Path.of(file.location())).hasContent("version " + i);
                paths.add(Path.of(file.location()));
            }
            assertThat(paths).hasSize(16);
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void aFileThatChangedWhileItWasReadLeavesNothing() throws Exception {
        ReportArchive archive = new ReportArchive(root);
        assertThatThrownBy(() -> archive.write(Installation.HKSCC, "a", DAY, "R.txt", stream("grown"), 100, 3))
                .isInstanceOf(ReportArchive.ChangedWhileReadingException.class);
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aFailureOfTheArchivesOwnFileSystemIsToldApartFromABadStream() throws Exception {
        ReportArchive archive = new ReportArchive(root);
        // The day's folder cannot be made (a file is in its way): the archive's own file system refuses the write.
        Files.createDirectories(root.resolve("HKSCC/a"));
        Files.writeString(root.resolve("HKSCC/a/2025-06-20"), "in the way");
        assertThatThrownBy(() -> archive.write(Installation.HKSCC, "a", DAY, "R.txt", stream("v1"), 100))
                .isInstanceOf(ReportArchive.ArchiveWriteException.class);

        Files.delete(root.resolve("HKSCC/a/2025-06-20"));
        InputStream broken = new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> archive.write(Installation.HKSCC, "a", DAY, "R.txt", broken, 100))
                .isInstanceOf(java.io.IOException.class)
                .isNotInstanceOf(ReportArchive.ArchiveWriteException.class);
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

        assertThat(Files.size(Path.of(file.location()))).isEqualTo(size);
        assertThat(file.sha256()).isEqualTo("3b6a07d0d404fab4e23b6d34bc6696a6a312dd92821332385e5af7c01c421351");
    }

    @Test
    void everyLengthAroundTheBlockAndBufferBoundariesIsArchivedByteForByte() throws Exception {
        // Direct I/O writes whole 4 KiB blocks from a 256 KiB buffer; the tail goes through the page cache.
        ReportArchive archive = new ReportArchive(root);
        java.util.Random random = new java.util.Random(7);
        int buffer = BlockWriter.BUFFER;
        for (int length : new int[]{0, 1, 4095, 4096, 4097, 8191, buffer - 1, buffer, buffer + 1,
                buffer + 4096, 3 * buffer + 12_345}) {
            byte[] content = new byte[length];
            random.nextBytes(content);
            // Read in pieces of 1,000 bytes, as a network stream hands them over, not in the archive's block size.
            InputStream pieces = new ByteArrayInputStream(content) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return super.read(b, off, Math.min(len, 1_000));
                }
            };

            ArchivedFile file = archive.write(Installation.HKSCC, "a", DAY, "R" + length + ".bin", pieces, length,
                    length);

            Path written = Path.of(file.location());
            assertThat(Files.readAllBytes(written)).as("%d bytes", length).isEqualTo(content);
            assertThat(file.sha256()).isEqualTo(ReportArchive.sha256Of(written));
        }
    }

    @Test
    void writesWithDirectIoWhereTheFileSystemTakesItAndThroughThePageCacheWhereNot() throws Exception {
        Path file = root.resolve("direct.bin");
        try (BlockWriter writer = BlockWriter.create(file, true)) {
            // This machine's file systems (ext4, tmpfs) take it; a writer asked for none uses none.
            assertThat(writer.isDirect()).isTrue();
            writer.append(new byte[]{1, 2, 3}, 0, 3);
            writer.finish();
        }
        try (BlockWriter writer = BlockWriter.create(root.resolve("plain.bin"), false)) {
            assertThat(writer.isDirect()).isFalse();
            writer.append(new byte[]{4}, 0, 1);
            writer.finish();
        }
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(Files.readAllBytes(root.resolve("plain.bin"))).containsExactly(4);
        // A file that exists is never replaced, nor deleted by the fallback to the page cache.
        assertThatThrownBy(() -> BlockWriter.create(file, true))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        // A file system that fails the write fails it for direct I/O and without: the plain open's error is thrown.
        Path missingFolder = root.resolve("no-such-folder/x.bin");
        assertThatThrownBy(() -> BlockWriter.create(missingFolder, true))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}
