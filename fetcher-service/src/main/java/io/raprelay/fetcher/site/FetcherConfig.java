package io.raprelay.fetcher.site;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Min;

import io.quarkus.runtime.configuration.MemorySize;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.Installation;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The fetcher's options, under {@code fetcher.}; every key is documented in docs/configuration.md. */
@ConfigMapping(prefix = "fetcher")
public interface FetcherConfig {

    /** Folder for the fetcher's own state (active data centres); the archive defaults to a sub-folder. */
    @WithDefault("data/fetcher")
    Path dataDir();

    /** Root of the report archive; files go to {@code {installation}/{account}/{businessDate}/{fileName}}. */
    Optional<Path> archiveRoot();

    /** Where reports are kept: {@code file} (under the archive root) or {@code s3} (fetcher.s3, quarkus.s3). */
    @WithDefault("file")
    ArchiveStore archiveStore();

    /** The S3 archive: its bucket, key prefix and part size; the client's endpoint and credentials are quarkus.s3.*. */
    S3 s3();

    enum ArchiveStore {
        FILE, S3
    }

    interface S3 {

        /** The bucket (required with archive-store=s3). */
        Optional<String> bucket();

        /** The keys' common beginning, ending in '/'; none by default. */
        Optional<String> prefix();

        /** Bytes per part of a multipart upload, and the largest report sent as one request (at least 5M). */
        @WithDefault("8M")
        MemorySize partSize();

        /**
         * S3 Object Lock on every report written: {@code none}, or {@code governance} / {@code compliance}, each
         * object then kept until its retention ends (fetcher.retention); the bucket must have Object Lock enabled.
         */
        @WithDefault("none")
        ObjectLock objectLock();

        /**
         * Whether each report's SHA-256 is sent as its S3 checksum (x-amz-checksum-sha256, per part of a multipart
         * upload), which S3 verifies before storing the object; false for servers that refuse it (s3proxy).
         */
        @WithDefault("true")
        boolean sha256Checksums();
    }

    enum ObjectLock {
        NONE, GOVERNANCE, COMPLIANCE
    }

    /**
     * How long reports are kept, as the catalog's catalog.retention: locked objects (fetcher.s3.object-lock) are
     * kept until the business date plus this, so configure both alike.
     */
    Retention retention();

    interface Retention {

        /** From a report's business date, for every clearing house and source system not named below. */
        @WithDefault("P7Y")
        Period period();

        /** Per clearing house and source system, e.g. {@code fetcher.retention.periods.HKCC.DCASS=P10Y}. */
        Map<String, Map<String, Period>> periods();
    }

    /**
     * When a new business day begins (Quartz cron, Hong Kong time): a reminder is raised then for every installation
     * still on the secondary data centre.
     */
    @WithDefault("0 0 7 ? * MON-FRI")
    String dataCentreReminderCron();

    /** RAP's installations, keyed HKSCC and HKCC_SEOCH. */
    Map<String, SiteConfig> sites();

    /** RAP user accounts, keyed by RAP user name. */
    Map<String, AccountConfig> accounts();

    Poll poll();

    /** Classification rules (JSON); empty: the rules shipped with the service. */
    Optional<Path> classificationFile();

    /** Kafka topic of the "already fetched" store (compacted; shared by fetcher replicas). */
    @WithDefault("rap.fetcher.fetched")
    String fetchedTopic();

    /** How many fetched keys the store keeps in memory (older ones are still on the topic). */
    @WithDefault("500000")
    int fetchedCacheSize();

    KeyWatch keyWatch();

    LoginCheck loginCheck();

    /** Login checks around a practice session: log in and list on every host of a data centre. */
    interface LoginCheck {

        /** How often it looks whether a check is due: a duration, or {@code off}. */
        @WithDefault("1m")
        String interval();

        /** The standby pre-check on the business day before a session, from this Hong Kong time. */
        @WithDefault("10:00")
        LocalTime dayBeforeAt();

        /** The standby pre-check on the session's day, from this Hong Kong time. */
        @WithDefault("09:00")
        LocalTime sessionDayAt();

        /** How far into each part the part's data centre is checked. */
        @WithDefault("10m")
        Duration intoPart();
    }

    /** The watch on the accounts' SSH keys: changes near a practice session, recorded expiry dates. */
    interface KeyWatch {

        /** How often the keys are looked at: a duration, or {@code off}. */
        @WithDefault("5m")
        String interval();

        /** A key whose recorded expiry date is this close is warned about, once a day. */
        @WithDefault("30d")
        Duration expiryWarning();
    }

    /** One RAP installation: host:port addresses per data centre and the pinned host keys. */
    interface SiteConfig {

        /** Primary data centre hosts, host 1 first. */
        List<String> primary();

        /** Secondary data centre hosts, host 1 first. */
        List<String> secondary();

        /** OpenSSH known_hosts file pinning every host's key. */
        Path knownHostsFile();
    }

    /** One RAP user account and what to fetch with it. */
    interface AccountConfig {

        Installation installation();

        /** The clearing house of the participant this account belongs to. */
        @WithName("clearing-house")
        ClearingHouse clearingHouse();

        /** OpenSSH private key file; must be readable by its owner only. */
        Path privateKeyFile();

        /** File holding the key's passphrase, if it has one. */
        Optional<Path> passphraseFile();

        /** The key's passphrase, for environments that inject secrets as variables; a file is preferred. */
        Optional<String> passphrase();

        /**
         * The date the key expires (yyyy-MM-dd), as the operator recorded it when HKEX registered it: warned about
         * {@code fetcher.key-watch.expiry-warning} ahead, and once passed.
         */
        Optional<String> keyExpiresOn();

        /** Top-level folders to fetch (each with its daily subfolders). */
        @WithDefault("INBOX,COMMON,RPF")
        List<String> folders();
    }

    /** How polling behaves. */
    interface Poll {

        /**
         * Time between polls of one account. The next poll comes sooner after a poll that reached its cap (at once),
         * or when a file a poll left to settle may be taken (never sooner than {@link #minAge()}, or
         * {@link #stableCheckInterval()} if longer, after that poll).
         */
        @WithDefault("30s")
        Duration interval();

        /** Delay before the first poll after start. */
        @WithDefault("1s")
        Duration initialDelay();

        /**
         * Files taken in one poll at most. A poll that reached it (and fetched something) is followed at once by the
         * next, so this bounds one poll's work, not how long a burst waits. Each poll lists the account's folders
         * again (for 20,000 files about 0.5 s, and a stat of each file on RAP), so the cap is high enough that a
         * day's reports are one poll; a host that fails a download ends the poll's downloads, so a long poll does not
         * wait out one timeout per file on a host that is gone.
         */
        @WithDefault("2000")
        int maxFilesPerPoll();

        /**
         * Files of one account downloaded at the same time, each over its own SFTP session (opened for the poll, next
         * to the listing session, and closed at its end, or at the end of the last poll of a backlog). Hides the fixed
         * cost of each file (round trips, fsync, Kafka acknowledgements); lower it if RAP limits concurrent sessions
         * per user.
         */
        @WithDefault("4")
        @Min(1)
        int parallelDownloads();

        /**
         * A file is taken only when its size and time did not change across this interval (seen in its modification
         * time, or across two polls). A file still settling is left for a later poll, never waited on.
         */
        @WithDefault("2s")
        Duration stableCheckInterval();

        /** ... and it is at least this old. */
        @WithDefault("5s")
        Duration minAge();

        /** Files larger than this are refused (ReportRejected, OVERSIZE). */
        @WithDefault("4G")
        MemorySize sizeLimit();

        /** SSH connect timeout. */
        @WithDefault("10s")
        Duration connectTimeout();

        /**
         * A download that waits this long on RAP (its open, a read, its close) has its session cut and is retried on
         * the next poll, and a poll's listing that gets nothing for this long is cut and fails over, even while the
         * SSH connection answers keep-alives (Camel's SFTP sessions take their socket
         * timeout from {@code keep-alive}, not from this).
         */
        @WithDefault("30s")
        Duration readTimeout();

        /** SSH keep-alive interval. */
        @WithDefault("15s")
        Duration keepAlive();

        /**
         * SSH ciphers offered, in order of preference (JSch names). AES-GCM first: one pass for encryption and
         * integrity, with the CPU's AES instructions on both ends (docs/benchmarks/fetch.md); CTR for servers without.
         */
        @WithDefault("aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr")
        String ciphers();

        /** SFTP read requests kept in flight per download (JSch bulk requests); empty: JSch's default (16). */
        Optional<Integer> bulkRequests();

        /** Polls skipped after a poll that failed on every host: the next is {@code 1 +} this intervals later. */
        @WithDefault("2")
        int backoffMultiplier();

        /** FetchFailed for an ongoing outage is repeated no more often than this. */
        @WithDefault("15m")
        Duration failureRepeat();

        /** Readiness is DOWN when no host of the active data centre answered a poll in this many intervals. */
        @WithDefault("3")
        int readinessIntervals();

        /** How often a failed-over account checks whether host 1 is healthy again. */
        @WithDefault("60s")
        Duration recoveryCheck();
    }
}
