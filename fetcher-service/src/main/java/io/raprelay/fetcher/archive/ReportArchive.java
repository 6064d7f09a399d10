package io.raprelay.fetcher.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.raprelay.contracts.Installation;

/**
 * The report archive on the local file system: {@code {root}/{installation}/{account}/{businessDate}/{fileName}}.
 * Every write streams through a temp file in the target folder while computing SHA-256, is forced to disk, moved
 * into place atomically and the folder forced too, so a crash leaves either the whole file or nothing. A re-issued
 * report with other content keeps the earlier version: the new one is stored as {@code {fileName}@{sha256 prefix}}.
 */
public final class ReportArchive {

    private static final int BUFFER = 256 * 1024;
    private static final HexFormat HEX = HexFormat.of();
    private static final String TEMP_SUFFIX = ".part";

    private final Path root;

    public ReportArchive(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Writes one report version. The name must have passed {@link FileNameGuard}; the resolved path is checked again
     * to stay inside the archive.
     *
     * @param limit
     *            the most bytes accepted; a longer stream fails with {@link OversizeException} and leaves nothing
     */
    public ArchivedFile write(Installation installation, String account, LocalDate businessDate, String fileName,
            InputStream content, long limit) throws IOException {
        if (FileNameGuard.check(fileName).isPresent() || FileNameGuard.check(account).isPresent()) {
            throw new IllegalArgumentException("Unsafe name " + FileNameGuard.printable(fileName));
        }
        Path folder = root.resolve(installation.name()).resolve(account).resolve(businessDate.toString()).normalize();
        if (!folder.startsWith(root)) {
            throw new IllegalArgumentException("Archive path escapes the root: " + folder);
        }
        Files.createDirectories(folder);
        Path temp = folder.resolve("." + fileName + "." + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            MessageDigest sha256 = sha256();
            long size = copy(content, temp, sha256, limit);
            String checksum = HEX.formatHex(sha256.digest());
            Path target = folder.resolve(fileName);
            if (Files.exists(target) && !sameContent(target, size, checksum)) {
                target = folder.resolve(fileName + "@" + checksum.substring(0, 16));
            }
            move(temp, target);
            force(folder);
            return new ArchivedFile(target, size, checksum);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Deletes the temp files of writes a crash interrupted (a process killed mid-write leaves its {@code .part}
     * file). Run before any write: the archive root belongs to one fetcher process.
     *
     * @return how many were deleted
     */
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

    private static long copy(InputStream content, Path temp, MessageDigest digest, long limit) throws IOException {
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int n; (n = content.read(buffer)) >= 0;) {
                size += n;
                if (size > limit) {
                    throw new OversizeException(size, limit);
                }
                digest.update(buffer, 0, n);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            out.force(true);
        }
        return size;
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

    /** The stream was longer than the size limit. */
    public static final class OversizeException extends IOException {

        public OversizeException(long size, long limit) {
            super("more than " + limit + " bytes (read " + size + " so far)");
        }
    }
}
