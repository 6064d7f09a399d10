package io.raprelay.fetcher.archive;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.jboss.logging.Logger;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * Writes one new file of the archive in blocks of {@link #BUFFER} bytes, with direct I/O ({@code O_DIRECT}) where the
 * file system takes it: the kernel then neither copies the report into its page cache nor writes it back from there
 * later (an archived report is rarely read again, and then from disk), and the write-back no longer competes for the
 * CPU with the downloads. Where the file system refuses direct I/O the file goes through the page cache as before;
 * either way {@link #finish()} forces it to disk.
 * <p>
 * Direct I/O writes whole aligned blocks from an aligned buffer: the buffer is a direct one of the thread's, and the
 * last, partial block is written through an ordinary channel on the same file.
 */
final class BlockWriter implements Closeable {

    static final int BUFFER = 256 * 1024;
    /** Direct I/O's alignment: a multiple of every logical block size in use (512 and 4096). */
    private static final int ALIGNMENT = 4096;
    private static final Logger LOG = Logger.getLogger(BlockWriter.class);
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal
            .withInitial(() -> ByteBuffer.allocateDirect(BUFFER + ALIGNMENT).alignedSlice(ALIGNMENT));

    private final Path file;
    private final FileChannel channel;
    private final boolean direct;
    private final ByteBuffer buffer = BUFFERS.get().clear();
    private long written;

    private BlockWriter(Path file, FileChannel channel, boolean direct) {
        this.file = file;
        this.channel = channel;
        this.direct = direct;
    }

    /**
     * Creates the file (it must not exist). {@code direct} false, or a file system that refuses direct I/O, writes
     * through the page cache; {@link #isDirect()} tells which.
     */
    static BlockWriter create(Path file, boolean direct) throws IOException {
        if (direct) {
            try {
                return new BlockWriter(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT), true);
            } catch (FileAlreadyExistsException e) {
                throw e; // someone else's file: never deleted below
            } catch (IOException | UnsupportedOperationException refused) {
                // Refused for direct I/O, or the file system failing: the plain open below tells which.
                deleteQuietly(file);
                BlockWriter plain = create(file, false);
                LOG.infof("The archive's file system does not take direct I/O (%s); writes go through the page cache",
                        refused.getMessage());
                return plain;
            }
        }
        return new BlockWriter(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                false);
    }

    boolean isDirect() {
        return direct;
    }

    /** Appends bytes; a full buffer is written out. */
    void append(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, buffer.remaining());
            buffer.put(bytes, offset, n);
            offset += n;
            length -= n;
            if (!buffer.hasRemaining()) {
                buffer.flip();
                writeFully(channel);
                buffer.clear();
            }
        }
    }

    /** Writes what is buffered and forces the file's content and size to disk. */
    void finish() throws IOException {
        buffer.flip();
        int tail = direct ? buffer.remaining() % ALIGNMENT : 0;
        int end = buffer.limit();
        buffer.limit(end - tail);
        writeFully(channel);
        if (tail == 0) {
            channel.force(true);
        } else {
            // Direct I/O writes whole blocks only: the last few bytes through the page cache.
            buffer.limit(end);
            try (FileChannel last = FileChannel.open(file, StandardOpenOption.WRITE)) {
                last.position(written);
                writeFully(last);
                last.force(true);
            }
        }
        buffer.clear();
    }

    private void writeFully(FileChannel target) throws IOException {
        while (buffer.hasRemaining()) {
            written += target.write(buffer);
        }
    }

    @Override
    public void close() throws IOException {
        buffer.clear();
        channel.close();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the plain open that follows fails on the same file system and says why
        }
    }
}
