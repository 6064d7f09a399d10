package io.raprelay.fetcher.archive;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One fetcher per archive: an exclusive lock on {@code <archive>/.fetcher.lock}, held while the fetcher runs. Two
 * fetchers must not poll the same accounts (the archive root belongs to one process, which clears unfinished writes
 * at start, and HKEX counts SFTP sessions per account); a second one on the same archive, by mistake or by a scaled
 * deployment, stops at start naming the holder. The operating system releases the lock when the holder dies, even by
 * {@code kill -9}, so a replacement starts at once. Works across hosts where the file system supports locks (local
 * disks, NFSv4).
 */
public final class ArchiveLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ArchiveLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws IllegalStateException
     *             naming the holder when another fetcher holds the archive
     */
    public static ArchiveLock acquire(Path archiveRoot) throws IOException {
        Path file = Files.createDirectories(archiveRoot).resolve(".fetcher.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            channel.close();
            throw new IllegalStateException("The archive " + archiveRoot + " is in use by another fetcher (" + holder
                    + "). Two fetchers must not poll the same accounts: run one per archive (deploy/README.md).");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("held by " + ManagementFactory.getRuntimeMXBean().getName() + " since "
                + Instant.now()).getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        return new ArchiveLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
