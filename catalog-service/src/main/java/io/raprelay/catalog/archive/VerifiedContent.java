package io.raprelay.catalog.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.logging.Logger;

import io.raprelay.catalog.CatalogConfig;
import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.contracts.ArchiveAltered;
import io.raprelay.contracts.ArchiveLayout;

/**
 * Serves an archived report only if it still has the SHA-256 recorded at fetch time: checked before the first byte
 * is sent and again on the bytes as they are sent (a change in between aborts the transfer). The copy is found under
 * the configured archive root from the report's identity ({@link ArchiveLayout}), never from the location an event
 * carries: a place outside the root, or a link that leads out of it, is refused before the file is opened. Any
 * mismatch, a missing file or a refused place is logged and published as {@link ArchiveAltered}; the answer names
 * only the recorded SHA-256, never the one found.
 */
@ApplicationScoped
public class VerifiedContent {

    private static final Logger LOG = Logger.getLogger(VerifiedContent.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final int BUFFER = 256 * 1024;

    private final AlertPublisher alerts;
    private final Clock clock;
    private final Path root;

    public VerifiedContent(AlertPublisher alerts, Clock clock, CatalogConfig config) {
        this.alerts = alerts;
        this.clock = clock;
        this.root = config.archiveRoot().toAbsolutePath().normalize();
    }

    /** The file's bytes, once they are known to match; throws {@link ArchiveAlteredException} otherwise. */
    public StreamingOutput open(Report report, ReportVersion version, String requestedBy) {
        Path file = locate(report, version, requestedBy);
        String actual;
        try {
            actual = sha256(file);
        } catch (NoSuchFileException e) {
            throw altered(version, file, null, "the file is missing", requestedBy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!actual.equals(version.sha256)) {
            throw altered(version, file, actual, "its content has changed", requestedBy);
        }
        return out -> {
            MessageDigest digest = newDigest();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                copy(in, out);
            }
            String sent = HEX.formatHex(digest.digest());
            if (!sent.equals(version.sha256)) {
                altered(version, file, sent, "its content changed during the download", requestedBy);
                throw new IOException("Archive copy changed during the download of " + version.reportKey);
            }
        };
    }

    /**
     * The version's copy in the archive: its version name if that exists, else the plain name. A place that
     * normalises to outside the root (an identity with {@code ..} or {@code /}) or whose real path leaves it (a
     * symbolic link) is refused without opening it.
     */
    private Path locate(Report report, ReportVersion version, String requestedBy) {
        Path folder = root.resolve(ArchiveLayout.folder(version.practiceSessionId, report.installation,
                report.account, report.businessDate)).normalize();
        Path candidate = folder;
        for (String name : ArchiveLayout.candidateNames(report.fileName, version.sha256)) {
            candidate = folder.resolve(name).normalize();
            if (!candidate.startsWith(root) || !folder.equals(candidate.getParent())) {
                throw altered(version, candidate, null, "its identity names a place outside the archive",
                        requestedBy);
            }
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return inside(version, candidate, requestedBy);
            }
        }
        throw altered(version, candidate, null, "the file is missing", requestedBy);
    }

    private Path inside(ReportVersion version, Path candidate, String requestedBy) {
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw altered(version, candidate, null, "it is a link that leads out of the archive", requestedBy);
            }
            return real;
        } catch (NoSuchFileException e) {
            throw altered(version, candidate, null, "it is a link to nothing", requestedBy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ArchiveAlteredException altered(ReportVersion version, Path place, String actual, String found,
            String requestedBy) {
        String message = "The archive copy of " + version.reportKey + " version " + version.version
                + " does not match the SHA-256 recorded at fetch time (" + version.sha256 + "): " + found;
        LOG.error(message + " (" + place + (actual == null ? "" : ", SHA-256 now " + actual) + "); download by "
                + requestedBy + " refused");
        try {
            alerts.publish(new ArchiveAltered(UUID.randomUUID().toString(), clock.instant(), version.reportKey,
                    version.reportId, version.version, place.toUri().toString(), version.sha256, actual,
                    requestedBy));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not publish ArchiveAltered for %s", version.reportKey);
        }
        return new ArchiveAlteredException(message);
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            copy(in, OutputStream.nullOutputStream());
        }
        return HEX.formatHex(digest.digest());
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) >= 0;) {
            out.write(buffer, 0, n);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
