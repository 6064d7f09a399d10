package io.raprelay.catalog.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Copies in the fetcher's archive folder (catalog.archive-root, read-only is enough). A place that normalises to
 * outside the root (an identity with {@code ..} or {@code /}) or whose real path leaves it (a symbolic link) is
 * refused without being opened.
 */
public final class FileArchiveCopies implements ArchiveCopies {

    private final Path root;

    public FileArchiveCopies(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public boolean holdsCopies() {
        return false;
    }

    @Override
    public Copy locate(Path relativeFolder, List<String> names) throws Refused {
        Path folder = root.resolve(relativeFolder).normalize();
        Path candidate = folder;
        for (String name : names) {
            candidate = folder.resolve(name).normalize();
            if (!candidate.startsWith(root) || !folder.equals(candidate.getParent())) {
                throw new Refused(uri(candidate), "its identity names a place outside the archive");
            }
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return copy(inside(candidate));
            }
        }
        throw new Refused(uri(candidate), "the file is missing");
    }

    private Path inside(Path candidate) throws Refused {
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw new Refused(uri(candidate), "it is a link that leads out of the archive");
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new Refused(uri(candidate), "it is a link to nothing");
        } catch (IOException e) {
            throw new ArchiveUnavailableException("The archive folder cannot be read at " + uri(candidate), e);
        }
    }

    private static Copy copy(Path file) {
        return new Copy() {
            @Override
            public String place() {
                return uri(file);
            }

            @Override
            public InputStream open() throws IOException {
                try {
                    return Files.newInputStream(file);
                } catch (NoSuchFileException e) {
                    throw new Missing(uri(file));
                }
            }

            @Override
            public void remove() throws IOException {
                Files.deleteIfExists(file);
            }

            @Override
            public void legalHold(boolean on) {
                // A file system has no holds of its own: the catalog's record is the hold.
            }
        };
    }

    private static String uri(Path place) {
        return place.toUri().toString();
    }
}
