package io.raprelay.catalog.archive;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.contracts.ArchiveLayout;

/**
 * Where the catalog finds a report version's archived copy from the report's identity: the fetcher's archive folder
 * ({@link FileArchiveCopies}) or its S3 bucket ({@link S3ArchiveCopies}). It never opens a place an event names.
 */
public interface ArchiveCopies {

    /**
     * The copy under the first of {@code names} that exists in {@code folder} (relative, as {@link ArchiveLayout}
     * makes it).
     *
     * @throws Refused
     *             when the identity names a place outside the archive, a link leads out of it, or no copy exists
     */
    Copy locate(Path folder, List<String> names) throws Refused;

    /** Whether the store has legal holds of its own (S3 Object Lock), which {@link Copy#legalHold} sets. */
    boolean holdsCopies();

    /** A version's copy, by its report's identity as {@link ArchiveLayout} lays it out: its version name first. */
    default Copy locate(Report report, ReportVersion version) throws Refused {
        return locate(ArchiveLayout.folder(version.practiceSessionId, report.installation, report.account,
                report.businessDate), ArchiveLayout.candidateNames(report.fileName, version.sha256));
    }

    /** One archived copy, opened as often as needed. */
    interface Copy {

        /** Where it is, as a URI, for alerts and logs. */
        String place();

        /** Its bytes from the start; a copy gone since it was located throws {@link Missing}. */
        InputStream open() throws IOException;

        /**
         * Deletes it, every version of it where the store keeps versions (retention only:
         * {@link io.raprelay.catalog.retention.Retention} decides when). A store that refuses (its own lock has not
         * ended) throws, and nothing is recorded as removed.
         */
        void remove() throws IOException;

        /**
         * Puts the store's own legal hold on it, or takes it off, where the store has one (S3 Object Lock); the
         * catalog's record of the hold is what retention obeys either way.
         */
        void legalHold(boolean on) throws IOException;

        /** A link that serves it without credentials until it expires, if the archive can make one (S3 can). */
        default Optional<URI> link(Duration validFor) {
            return Optional.empty();
        }
    }

    /** No copy may be served from this place, and why ({@code found}: "the file is missing", ...). */
    final class Refused extends Exception {

        private final String place;

        public Refused(String place, String found) {
            super(found);
            this.place = place;
        }

        public String place() {
            return place;
        }
    }

    /** The copy was there when located and is gone now. */
    final class Missing extends IOException {

        public Missing(String place) {
            super(place);
        }
    }
}
