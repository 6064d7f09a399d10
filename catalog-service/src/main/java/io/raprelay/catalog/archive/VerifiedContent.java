package io.raprelay.catalog.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
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

import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.contracts.ArchiveAltered;

/**
 * Serves an archived report only if it still has the SHA-256 recorded at fetch time: checked before the first byte
 * is sent and again on the bytes as they are sent (a change in between aborts the transfer). Any mismatch or a
 * missing file is logged and published as {@link ArchiveAltered}.
 */
@ApplicationScoped
public class VerifiedContent {

    private static final Logger LOG = Logger.getLogger(VerifiedContent.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final int BUFFER = 256 * 1024;

    private final AlertPublisher alerts;
    private final Clock clock;

    public VerifiedContent(AlertPublisher alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The file's bytes, once they are known to match; throws {@link ArchiveAlteredException} otherwise. */
    public StreamingOutput open(ReportVersion version, String requestedBy) {
        Path file = Path.of(URI.create(version.archiveLocation));
        String actual;
        try {
            actual = sha256(file);
        } catch (NoSuchFileException e) {
            throw altered(version, null, requestedBy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!actual.equals(version.sha256)) {
            throw altered(version, actual, requestedBy);
        }
        return out -> {
            MessageDigest digest = newDigest();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                copy(in, out);
            }
            String sent = HEX.formatHex(digest.digest());
            if (!sent.equals(version.sha256)) {
                altered(version, sent, requestedBy);
                throw new IOException("Archive copy changed during the download of " + version.reportKey);
            }
        };
    }

    private ArchiveAlteredException altered(ReportVersion version, String actual, String requestedBy) {
        String found = actual == null ? "the file is missing" : "its SHA-256 is now " + actual;
        String message = "The archive copy of " + version.reportKey + " version " + version.version
                + " does not match the SHA-256 recorded at fetch time (" + version.sha256 + "): " + found;
        LOG.error(message + "; download by " + requestedBy + " refused");
        try {
            alerts.publish(new ArchiveAltered(UUID.randomUUID().toString(), clock.instant(), version.reportKey,
                    version.reportId, version.version, version.archiveLocation, version.sha256, actual,
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
