package io.raprelay.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fetcher's archive on a file system of its own (tmpfs), so that the suite can fill it as a full disk would be.
 * The suite runs as root, as CI does: {@code mount} needs it.
 */
final class ArchiveMount {

    /** Large enough for the whole suite, small enough to fill in a moment. */
    static final String SIZE = "1g";

    private ArchiveMount() {
    }

    static void mount(Path archive) throws IOException {
        unmount(archive);
        Files.createDirectories(archive);
        run("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "e2e-archive", archive.toString());
    }

    /** Unmounts it if mounted (also what an interrupted run left). */
    static void unmount(Path archive) throws IOException {
        if (Files.readString(Path.of("/proc/mounts")).contains(" " + archive.toAbsolutePath() + " ")) {
            run("umount", archive.toString());
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "); the end-to-end suite runs as root");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + String.join(" ", command), e);
        }
    }
}
