package io.raprelay.fetcher.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.contracts.SshKeyWarning;
import io.raprelay.fetcher.poll.HostKeyProbe;
import io.raprelay.fetcher.practice.PracticeCalendar;
import io.raprelay.fetcher.publish.FetchEventPublisher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Watches the accounts' SSH keys. The circular asks participants not to renew SSH keys during the practice session:
 * a key file replaced while the fetcher runs, or a start with another key than the one used before
 * ({@code key-fingerprints.json} in the data folder), on a session's day or the day before, is a CRITICAL
 * {@link SshKeyWarning}. The running fetcher keeps the key it started with (it reads key files only at start), so the
 * warning says not to restart it until the session is over. A key whose expiry date the operator recorded
 * ({@code fetcher.accounts.<user>.key-expires-on}) is warned about once a day from
 * {@code fetcher.key-watch.expiry-warning} before it, and once it has passed.
 */
@ApplicationScoped
public class KeyWatch {

    static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sites sites;
    private final PracticeCalendar calendar;
    private final FetchEventPublisher publisher;
    private final HostKeyProbe probe;
    private final Clock clock;
    private final Path stateFile;
    private final Duration expiryWarning;
    private final Map<String, LocalDate> expiries = new LinkedHashMap<>();
    private final Set<String> published = ConcurrentHashMap.newKeySet();

    public KeyWatch(Sites sites, PracticeCalendar calendar, FetchEventPublisher publisher, HostKeyProbe probe,
            FetcherConfig config, Clock clock) {
        this.sites = sites;
        this.calendar = calendar;
        this.publisher = publisher;
        this.probe = probe;
        this.clock = clock;
        this.stateFile = config.dataDir().resolve("key-fingerprints.json");
        this.expiryWarning = config.keyWatch().expiryWarning();
        config.accounts().forEach((user, account) -> account.keyExpiresOn().ifPresent(date -> {
            try {
                expiries.put(user, LocalDate.parse(date.trim()));
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("fetcher.accounts." + user + ".key-expires-on: '" + date
                        + "' is not a date (yyyy-MM-dd)", e);
            }
        }));
    }

    @Scheduled(every = "{fetcher.key-watch.interval}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (calendar.known()) {
            check(clock.instant());
        }
    }

    /** Looks at every account's key now; returns the warnings published by this look (each one once). */
    public synchronized List<SshKeyWarning> check(Instant now) {
        LocalDate today = now.atZone(HONG_KONG).toLocalDate();
        Map<String, String> recorded = readState();
        List<SshKeyWarning> warnings = new ArrayList<>();
        for (RapAccount account : sites.accounts()) {
            String loaded = probe.keyFingerprint(account.privateKey());
            if (loaded == null) {
                continue; // a key JSch cannot read would have failed the start
            }
            String before = recorded.get(account.user());
            String onDisk = onDisk(account);
            if (onDisk != null && !onDisk.equals(loaded)) {
                changed(account, loaded, onDisk, today, now, "The key file " + account.privateKeyFile()
                        + " was replaced while the fetcher runs. The fetcher keeps using the key it started with"
                        + " (" + loaded + "): do not restart it before the session is over, and keep the old key"
                        + " registered with HKEX until then.").ifPresent(warnings::add);
            } else if (before != null && !before.equals(loaded)) {
                changed(account, before, loaded, today, now, "The fetcher started with another key than before ("
                        + before + " before, " + loaded + " now). If logins fail, go back to the old key until the"
                        + " session is over.").ifPresent(warnings::add);
            }
            recorded.put(account.user(), loaded);
            LocalDate expires = expiries.get(account.user());
            if (expires != null) {
                long days = ChronoUnit.DAYS.between(today, expires);
                if (days < 0) {
                    warnings.addAll(publish(account, SshKeyWarning.Kind.EXPIRED, loaded, null, expires, null, today,
                            now, "The key expired on " + expires + ": register a new key with HKEX (not during a "
                                    + "practice session) and point private-key-file at it."));
                } else if (days <= expiryWarning.toDays()) {
                    warnings.addAll(publish(account, SshKeyWarning.Kind.EXPIRES_SOON, loaded, null, expires,
                            practiceBefore(today, expires).orElse(null), today, now, "The key expires in " + days
                                    + " day(s), on " + expires + practiceBefore(today, expires)
                                            .map(s -> "; practice session " + s + " comes before: renew before it,"
                                                    + " not during it")
                                            .orElse("")
                                    + "."));
                }
            }
        }
        writeState(recorded);
        return warnings;
    }

    private Optional<SshKeyWarning> changed(RapAccount account, String previous, String current, LocalDate today,
            Instant now, String detail) {
        Optional<String> session = sessionNear(today);
        if (session.isEmpty()) {
            Log.infof("SSH key of %s changed: %s -> %s (no practice session near)", account.user(), previous,
                    current);
            return Optional.empty();
        }
        Log.errorf("SSH key of %s changed near practice session %s: %s -> %s", account.user(), session.get(),
                previous, current);
        return publish(account, SshKeyWarning.Kind.CHANGED_NEAR_PRACTICE, current, previous, expiries.get(
                account.user()), session.get(), today, now,
                "HKEX asks not to renew SSH keys during the practice "
                        + "session (" + session.get() + "). " + detail)
                .stream().findFirst();
    }

    private List<SshKeyWarning> publish(RapAccount account, SshKeyWarning.Kind kind, String fingerprint,
            String previous, LocalDate expires, String session, LocalDate today, Instant now, String detail) {
        String eventId = UUID.nameUUIDFromBytes(("SshKeyWarning/" + account.user() + "/" + kind + "/" + fingerprint
                + "/" + today).getBytes(StandardCharsets.UTF_8)).toString();
        if (published.contains(eventId)) {
            return List.of();
        }
        SshKeyWarning warning = new SshKeyWarning(eventId, now, account.installation(), account.user(), kind,
                fingerprint, previous, expires, session, detail);
        try {
            publisher.publish(warning);
        } catch (RuntimeException e) {
            Log.warnf("SSH key warning for %s not published (%s); tried again at the next look", account.user(),
                    e.getMessage());
            return List.of();
        }
        published.add(eventId);
        return List.of(warning);
    }

    /** A session (not withdrawn) today or tomorrow: HKEX asks for no key change during it, nor the day before. */
    private Optional<String> sessionNear(LocalDate today) {
        return calendar.sessions().stream().filter(s -> !s.withdrawn())
                .filter(s -> s.sessionDate().equals(today) || s.sessionDate().equals(today.plusDays(1)))
                .map(PracticeSessionConfigured::sessionId).sorted().findFirst();
    }

    /** A session (not withdrawn) from today until the expiry date. */
    private Optional<String> practiceBefore(LocalDate today, LocalDate expires) {
        return calendar.sessions().stream().filter(s -> !s.withdrawn())
                .filter(s -> !s.sessionDate().isBefore(today) && !s.sessionDate().isAfter(expires))
                .map(PracticeSessionConfigured::sessionId).sorted().findFirst();
    }

    private String onDisk(RapAccount account) {
        try {
            return probe.keyFingerprint(Files.readAllBytes(account.privateKeyFile()));
        } catch (IOException e) {
            Log.warnf("Cannot read the key file %s of %s: %s", account.privateKeyFile(), account.user(),
                    e.getMessage());
            return null;
        }
    }

    private Map<String, String> readState() {
        if (!Files.exists(stateFile)) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(stateFile.toFile(), new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (IOException e) {
            Log.warnf("Unreadable %s (%s): starting it anew", stateFile, e.getMessage());
            return new LinkedHashMap<>();
        }
    }

    private void writeState(Map<String, String> fingerprints) {
        try {
            Files.createDirectories(stateFile.getParent());
            Path temp = Files.createTempFile(stateFile.getParent(), "key-fingerprints", ".tmp");
            JSON.writeValue(temp.toFile(), fingerprints);
            Files.move(temp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + stateFile, e);
        }
    }
}
