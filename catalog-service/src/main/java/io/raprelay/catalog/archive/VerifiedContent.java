package io.raprelay.catalog.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.logging.Logger;

import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.contracts.ArchiveAltered;
import io.raprelay.contracts.ArchiveLayout;

/**
 * Serves an archived report only if it still has the SHA-256 recorded at fetch time: checked before the first byte
 * is sent and again on the bytes as they are sent (a change in between aborts the transfer). The copy is found in the
 * archive (a folder or a bucket, {@link ArchiveCopies}) from the report's identity ({@link ArchiveLayout}), never from
 * the location an event carries: a place outside the archive, or a link that leads out of it, is refused before it is
 * opened. Any mismatch, a missing copy or a refused place is logged and published as {@link ArchiveAltered}; the
 * answer names only the recorded SHA-256, never the one found. A copy found intact again after that is published once
 * as {@link io.raprelay.contracts.ArchiveRestored} ({@link ArchiveAlterations}).
 */
@ApplicationScoped
public class VerifiedContent {

    private static final Logger LOG = Logger.getLogger(VerifiedContent.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final int BUFFER = 256 * 1024;

    private final AlertPublisher alerts;
    private final Clock clock;
    private final ArchiveCopies copies;
    private final ArchiveAlterations alterations;

    public VerifiedContent(AlertPublisher alerts, Clock clock, ArchiveCopies copies,
            ArchiveAlterations alterations) {
        this.alerts = alerts;
        this.alterations = alterations;
        this.clock = clock;
        this.copies = copies;
    }

    /** The file's bytes, once they are known to match; throws {@link ArchiveAlteredException} otherwise. */
    public StreamingOutput open(Report report, ReportVersion version, String requestedBy) {
        ArchiveCopies.Copy copy = verified(report, version, requestedBy);
        return out -> {
            MessageDigest digest = newDigest();
            try (InputStream in = new DigestInputStream(copy.open(), digest)) {
                copy(in, out);
            }
            String sent = HEX.formatHex(digest.digest());
            if (!sent.equals(version.sha256)) {
                altered(version, copy.place(), sent, "its content changed during the download", requestedBy);
                throw new IOException("Archive copy changed during the download of " + version.reportKey);
            }
        };
    }

    /**
     * A link that serves the copy without credentials for {@code validFor}, once the copy is known to match (the
     * bytes the link then serves are checked by whoever fetches them against {@code Repr-Digest}-style SHA-256 the
     * answer names). Only an S3 archive makes links: a folder throws {@link NoLinkException}.
     */
    public URI link(Report report, ReportVersion version, String requestedBy, Duration validFor) {
        return verified(report, version, requestedBy).link(validFor).orElseThrow(NoLinkException::new);
    }

    /**
     * Reads the copy through and checks it against the SHA-256 recorded at fetch time, serving nothing: an operator's
     * check after restoring a copy. Throws {@link ArchiveAlteredException} as a download would.
     */
    public String verify(Report report, ReportVersion version, String requestedBy) {
        return verified(report, version, requestedBy).place();
    }

    /** The version's copy, located by its identity and read through once: it has the SHA-256 recorded at fetch. */
    private ArchiveCopies.Copy verified(Report report, ReportVersion version, String requestedBy) {
        ArchiveCopies.Copy copy;
        try {
            copy = copies.locate(report, version);
        } catch (ArchiveCopies.Refused e) {
            throw altered(version, e.place(), null, e.getMessage(), requestedBy);
        }
        String actual;
        try {
            actual = sha256(copy);
        } catch (ArchiveCopies.Missing e) {
            throw altered(version, copy.place(), null, "the file is missing", requestedBy);
        } catch (IOException e) {
            throw new ArchiveUnavailableException("The archive copy of " + version.reportKey + " cannot be read now",
                    e);
        }
        if (!actual.equals(version.sha256)) {
            throw altered(version, copy.place(), actual, "its content has changed", requestedBy);
        }
        alterations.intact(version, copy.place(), requestedBy);
        return copy;
    }

    /** The archive is a folder: it has no links to give, only the content itself. */
    public static final class NoLinkException extends RuntimeException {

        public NoLinkException() {
            super("The archive is a folder, which makes no links: download the content instead");
        }
    }

    private ArchiveAlteredException altered(ReportVersion version, String place, String actual, String found,
            String requestedBy) {
        String message = "The archive copy of " + version.reportKey + " version " + version.version
                + " does not match the SHA-256 recorded at fetch time (" + version.sha256 + "): " + found;
        LOG.error(message + " (" + place + (actual == null ? "" : ", SHA-256 now " + actual) + "); download by "
                + requestedBy + " refused");
        try {
            ArchiveAltered alert = new ArchiveAltered(UUID.randomUUID().toString(), clock.instant(),
                    version.reportKey, version.reportId, version.version, place, version.sha256, actual, requestedBy);
            alerts.publish(alert);
            alterations.recorded(alert); // so that the copy found intact again tells whoever was told of this
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not publish ArchiveAltered for %s", version.reportKey);
        }
        return new ArchiveAlteredException(message);
    }

    private static String sha256(ArchiveCopies.Copy copy) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(copy.open(), digest)) {
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
