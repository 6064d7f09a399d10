package io.raprelay.catalog;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The catalog's own options ({@code catalog.*}); every one is listed in docs/configuration.md. */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    /**
     * Practice-session windows, each {@code start/end} as ISO date-times with offset (e.g.
     * {@code 2025-06-21T09:00+08:00/2025-06-21T17:00+08:00}): reports fetched inside one are practice reports, kept
     * and searchable but never counted in completeness.
     */
    Optional<List<String>> practiceWindows();

    /**
     * The fetcher's archive root as the catalog sees it (read-only is enough): downloads are found here from the
     * report's identity, never from a location an event names.
     */
    @WithDefault("data/fetcher/archive")
    Path archiveRoot();

    /** Where the fetcher keeps reports: {@code file} (archive-root) or {@code s3} (catalog.s3, quarkus.s3). */
    @WithDefault("file")
    ArchiveStore archiveStore();

    /** The fetcher's S3 archive: the same bucket and key prefix as fetcher.s3. */
    S3 s3();

    enum ArchiveStore {
        FILE,
        S3
    }

    interface S3 {

        /** The bucket (required with archive-store=s3). */
        Optional<String> bucket();

        /** The keys' common beginning, ending in '/'; none by default. */
        Optional<String> prefix();

        /** How long a pre-signed link to a report's content serves it (content-link). */
        @WithDefault("5m")
        Duration linkValidity();

        /**
         * Whether the bucket has S3 Object Lock (fetcher.s3.object-lock other than none): removals then delete every
         * version of a copy, and legal holds are set on the objects as well.
         */
        @WithDefault("false")
        boolean objectLock();
    }

    /** Holiday data in the 1823 feed's JSON; empty: the copy shipped with the service (or a newer upload). */
    Optional<Path> calendarFile();

    Overdue overdue();

    BusinessDay businessDay();

    Retention retention();

    /** How long archived copies are kept, and when expired ones are removed. */
    interface Retention {

        /** From a report's business date, for every clearing house and source system not named below. */
        @WithDefault("P7Y")
        Period period();

        /** Per clearing house and source system, e.g. {@code catalog.retention.periods.HKCC.DCASS=P10Y}. */
        Map<String, Map<String, Period>> periods();

        /** When copies past their retention are removed (Quartz cron, Hong Kong time), or {@code off}. */
        @WithDefault("0 30 3 * * ?")
        String expiry();
    }

    AccessLog accessLog();

    /** The access log's keys and checkpoints; every file lies outside the database. */
    interface AccessLog {

        /** No log, no data: a request whose entry cannot be written gets 503 and nothing of the data. */
        @WithDefault("true")
        boolean required();

        /** The chain key (at least 32 bytes): entries are chained with HMAC-SHA256 under it. */
        Path chainKeyFile();

        /** The Ed25519 private key (PKCS#8 PEM) checkpoints are signed with. */
        Path checkpointSigningKeyFile();

        /** Its public key (X.509 PEM), which verification checks checkpoints with. */
        Path checkpointVerifyKeyFile();

        /** Where checkpoints are kept outside the database, one event's JSON per line. */
        Path checkpointFile();

        /** How often a signed checkpoint is made: a duration such as {@code 60s}, or {@code off}. */
        @WithDefault("60s")
        String checkpointInterval();
    }

    /** When and how far back business days are announced complete or incomplete ({@code BusinessDayComplete}). */
    interface BusinessDay {

        /** How often the days are looked at: a duration such as {@code 15s}, or {@code off}. */
        @WithDefault("15s")
        String checkInterval();

        /**
         * Business days before today still looked at: a day whose reports come in (or are re-issued) later than this
         * is not announced, and a fresh install announces no older day.
         */
        @WithDefault("5")
        int lookbackBusinessDays();
    }

    /** When and how far back missing reports are announced ({@code ReportOverdue}). */
    interface Overdue {

        /** How often deadlines are checked: a duration such as {@code 60s}, or {@code off}. */
        @WithDefault("60s")
        String checkInterval();

        /** Business days before today that are still checked (a fresh install does not announce old gaps). */
        @WithDefault("1")
        int lookbackBusinessDays();
    }
}
