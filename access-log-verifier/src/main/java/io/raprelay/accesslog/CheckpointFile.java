package io.raprelay.accesslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.raprelay.contracts.AccessLogCheckpointed;
import io.raprelay.contracts.EventCodec;

/**
 * The checkpoints kept outside the database: one {@link AccessLogCheckpointed} event's JSON per line, as on the topic
 * (so {@code kcat -C -t rap.access-log-checkpoints -e -f '%s\n'} makes the same file).
 */
public final class CheckpointFile {

    private static final EventCodec CODEC = new EventCodec();

    private CheckpointFile() {
    }

    /** Appends one checkpoint and forces it to disk. */
    public static void append(Path file, AccessLogCheckpointed checkpoint) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            byte[] line = (new String(CODEC.write(checkpoint), StandardCharsets.UTF_8) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the checkpoint file " + file, e);
        }
    }

    /** Every checkpoint in the file, in file order; none when it does not exist yet. */
    public static List<AccessLogCheckpointed> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<AccessLogCheckpointed> checkpoints = new ArrayList<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    checkpoints.add(CODEC.read(line.getBytes(StandardCharsets.UTF_8), AccessLogCheckpointed.class));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file + " line " + number + " is not a checkpoint: "
                            + e.getMessage(), e);
                }
            }
            return checkpoints;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the checkpoint file " + file, e);
        }
    }
}
