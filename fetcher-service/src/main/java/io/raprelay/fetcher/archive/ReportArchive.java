package io.raprelay.fetcher.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.raprelay.contracts.ArchiveLayout;
import io.raprelay.contracts.Installation;

/**
 * The report archive on the local file system, laid out as {@link ArchiveLayout} says:
 * {@code {root}/{installation}/{account}/{businessDate}/{fileName}}, and practice downloads under
 * {@code {root}/practice/{sessionId}/} in the same layout.
 * Every write streams through a temp file in the target folder while computing SHA-256 (with direct I/O where the
 * file system takes it, {@link BlockWriter}), is forced to disk, moved into place atomically and the folder forced too,
 * so a crash leaves either the whole file or nothing. A re-issued report with other content keeps the earlier
 * version: the new one is stored as {@code {fileName}@{sha256 prefix}}.
 * Names stay within {@link FileNameGuard#MAX_NAME_BYTES}: temp files have short names of their own, and a name too
 * long to take the version suffix is shortened and made unique by a hash of the full name (the event keeps the remote
 * name). Two versions of one name written at once never overwrite each other. A failure of the archive's own file
 * system (full, read-only, I/O error) is an {@link ArchiveWriteException}; one of the incoming stream is not.
 */
public final class ReportArchive implements Archive {

    private static final int BUFFER = 256 * 1024;
    private static final HexFormat HEX = HexFormat.of();
    private static final String TEMP_PREFIX = ".rap-relay-";
    private static final String TEMP_SUFFIX = ".part";
    private static final int LOCK_STRIPES = 64;

    private final Path root;
    private final Object[] placing = new Object[LOCK_STRIPES];
    /** Direct I/O until the file system refuses it once ({@link BlockWriter}). */
    private volatile boolean directIo = true;

    public ReportArchive(Path root) {
        this.root = root.toAbsolutePath().normalize();
        for (int i = 0; i < LOCK_STRIPES; i++) {
            placing[i] = new Object();
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    /** As {@link #write(Installation, String, LocalDate, String, InputStream, long, long)} with no expected size. */
    public ArchivedFile write(Installation installation, String account, LocalDate businessDate, String fileName,
            InputStream content, long limit) throws IOException {
        return write(installation, account, businessDate, fileName, content, limit, -1);
    }

    /**
     * Writes one report version. The name must have passed {@link FileNameGuard}; the resolved path is checked again
     * to stay inside the archive.
     *
     * @param limit
     *            the most bytes accepted; a longer stream fails with {@link OversizeException} and leaves nothing
     * @param expectedSize
     *            the size the server listed, or -1: a stream of another length means the file changed while it was
     *            read, fails with {@link ChangedWhileReadingException} and leaves nothing
     */
    public ArchivedFile write(Installation installation, String account, LocalDate businessDate, String fileName,
            InputStream content, long limit, long expectedSize) throws IOException {
        return write(null, installation, account, businessDate, fileName, content, limit, expectedSize);
    }

    /** The file system keeps no retention date: the catalog's retention alone decides when a copy goes. */
    @Override
    public ArchivedFile write(String practiceSessionId, Installation installation, String account,
            LocalDate businessDate, String fileName, InputStream content, long limit, long expectedSize,
            Instant retainUntil) throws IOException {
        return write(practiceSessionId, installation, account, businessDate, fileName, content, limit, expectedSize);
    }

    /**
     * As {@link #write(Installation, String, LocalDate, String, InputStream, long, long)}; a file fetched in a
     * practice session goes to a tree of its own, {@code {root}/practice/{sessionId}/{installation}/...}.
     */
    public ArchivedFile write(String practiceSessionId, Installation installation, String account,
            LocalDate businessDate, String fileName, InputStream content, long limit, long expectedSize)
            throws IOException {
        FileNameGuard.requireSafe(practiceSessionId, account, fileName);
        Path folder = root.resolve(ArchiveLayout.folder(practiceSessionId, installation, account, businessDate))
                .normalize();
        if (!folder.startsWith(root)) {
            throw new IllegalArgumentException("Archive path escapes the root: " + folder);
        }
        onArchive(() -> Files.createDirectories(folder));
        Path temp = folder.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            MessageDigest sha256 = sha256();
            long size = copy(content, temp, sha256, limit, expectedSize);
            if (expectedSize >= 0 && size != expectedSize) {
                throw new ChangedWhileReadingException(expectedSize, size);
            }
            String checksum = HEX.formatHex(sha256.digest());
            Path target = place(temp, folder, fileName, size, checksum);
            onArchive(() -> {
                force(folder);
                return null;
            });
            return new ArchivedFile(target.toUri(), size, checksum);
        } finally {
            onArchive(() -> Files.deleteIfExists(temp));
        }
    }

    /** Moves the temp file to the name of this version; one writer at a time per name decides which name that is. */
    private Path place(Path temp, Path folder, String fileName, long size, String checksum) throws IOException {
        Path target = folder.resolve(fileName);
        synchronized (placing[Math.floorMod(target.hashCode(), LOCK_STRIPES)]) {
            if (Files.exists(target) && !sameContent(target, size, checksum)) {
                target = folder.resolve(ArchiveLayout.versionName(fileName, checksum));
            }
            Path chosen = target;
            onArchive(() -> {
                move(temp, chosen);
                return null;
            });
        }
        return target;
    }

    /**
     * Deletes the temp files of writes a crash interrupted (a process killed mid-write leaves its {@code .part}
     * file). Run before any write: the archive root belongs to one fetcher process.
     *
     * @return how many were deleted
     */
    @Override
    public int removeLeftovers() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> files = Files.walk(root)) {
            leftovers = files.filter(ReportArchive::isTempFile).toList();
        }
        for (Path leftover : leftovers) {
            Files.deleteIfExists(leftover);
        }
        return leftovers.size();
    }

    private static boolean isTempFile(Path path) {
        String name = path.getFileName().toString();
        // Also the names of earlier releases: "." + file name + "." + UUID + ".part".
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX) && Files.isRegularFile(path);
    }

    /** SHA-256 of an archived file, recomputed from disk. */
    public static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return HEX.formatHex(digest.digest());
    }

    private long copy(InputStream content, Path temp, MessageDigest digest, long limit, long expectedSize)
            throws IOException {
        long size = 0;
        byte[] buffer = new byte[BlockWriter.BUFFER];
        // A report smaller than one buffer through the page cache: direct I/O would save next to nothing and cost a
        // second open for its tail.
        boolean direct = directIo && !(expectedSize >= 0 && expectedSize < BlockWriter.BUFFER);
        BlockWriter out = onArchive(() -> BlockWriter.create(temp, direct));
        if (direct && !out.isDirect()) {
            directIo = false; // refused by the file system: the page cache from now on
        }
        try {
            for (int n; (n = content.read(buffer)) >= 0;) {
                size += n;
                if (size > limit) {
                    throw new OversizeException(size, limit);
                }
                digest.update(buffer, 0, n);
                int length = n;
                onArchive(() -> {
                    out.append(buffer, 0, length);
                    return null;
                });
            }
            onArchive(() -> {
                out.finish();
                return null;
            });
        } finally {
            onArchive(() -> {
                out.close();
                return null;
            });
        }
        return size;
    }

    /** An operation on the archive's own file system: its I/O failures become {@link ArchiveWriteException}. */
    private static <T> T onArchive(ArchiveOperation<T> operation) throws ArchiveWriteException {
        try {
            return operation.run();
        } catch (ArchiveWriteException e) {
            throw e;
        } catch (IOException | UncheckedIOException e) {
            throw new ArchiveWriteException(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        }
    }

    @FunctionalInterface
    private interface ArchiveOperation<T> {
        T run() throws IOException;
    }

    private static boolean sameContent(Path existing, long size, String sha256) throws IOException {
        return Files.size(existing) == size && sha256Of(existing).equals(sha256);
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The archive's file system cannot rename atomically: " + target, e);
        }
    }

    private static void force(Path folder) {
        // The rename is durable only once the folder's entry is on disk.
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sync archive folder " + folder, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The archive's own file system failed (full, read-only, I/O error): nothing is wrong with the report. */
    public static final class ArchiveWriteException extends IOException {

        public ArchiveWriteException(IOException cause) {
            super("archive write failed: " + cause.getMessage(), cause);
        }

        public ArchiveWriteException(String detail, Throwable cause) {
            super("archive write failed: " + detail, cause);
        }
    }

    /** The stream's length differs from the size the server listed: the file changed while it was read. */
    public static final class ChangedWhileReadingException extends IOException {

        public ChangedWhileReadingException(long listed, long read) {
            super("changed while downloading (" + listed + " bytes listed, " + read + " read)");
        }
    }

    /** The stream was longer than the size limit. */
    public static final class OversizeException extends IOException {

        public OversizeException(long size, long limit) {
            super("more than " + limit + " bytes (read " + size + " so far)");
        }
    }
}
