package io.raprelay.simulator.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.raprelay.simulator.SimulatorConfig.AccountConfig;
import io.raprelay.simulator.host.HostileNames;
import io.raprelay.simulator.report.ReportCatalogue.PlannedReport;

/**
 * Publishes reports into the accounts' trees, as RAP would: a whole business day on demand, one report at a time on a
 * schedule, and the awkward cases a client must handle (a file still being written, a zero-byte file, a re-issue
 * under the same name, hostile directory entries). Complete files appear atomically (written aside, then moved).
 */
public final class ReportGenerator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReportGenerator.class);

    private final Map<String, AccountConfig> accounts;
    private final Function<AccountConfig, Path> homes;
    private final Path staging;
    private final ReportCatalogue catalogue;
    private final HostileNames hostileNames;
    private final Map<String, Integer> generations = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "rap-simulator-generator");
        thread.setDaemon(true);
        return thread;
    });
    private final List<PlannedReport> pending = new ArrayList<>();
    private LocalDate scheduledDay;

    public ReportGenerator(List<AccountConfig> accounts, Function<AccountConfig, Path> homes, Path staging,
            ReportCatalogue catalogue, HostileNames hostileNames) {
        this.accounts = accounts.stream().collect(Collectors.toMap(AccountConfig::user, a -> a));
        this.homes = homes;
        this.staging = staging;
        this.catalogue = catalogue;
        this.hostileNames = hostileNames;
    }

    /** Publishes every account's reports for a business day; files already there are left as they are. */
    public List<Path> publishDay(LocalDate businessDate) {
        List<Path> written = new ArrayList<>();
        for (AccountConfig account : accounts.values()) {
            for (PlannedReport report : catalogue.plan(account, businessDate)) {
                publish(report).ifPresent(written::add);
            }
        }
        LOG.info("Published {} reports for business day {}", written.size(), businessDate);
        return written;
    }

    /**
     * Writes the practice copies of a business day's reports under {@code root} (same names and layout as production,
     * other content: a first line saying it is a practice copy), as RAP's secondary data centre serves them in a
     * practice session. Returns the files written.
     */
    public List<Path> publishPractice(LocalDate businessDate, Function<AccountConfig, Path> practiceHomes) {
        List<Path> written = new ArrayList<>();
        for (AccountConfig account : accounts.values()) {
            for (PlannedReport report : catalogue.plan(account, businessDate)) {
                Path target = practiceHomes.apply(account).resolve(report.relativePath());
                byte[] production = ReportContent.of(report, 0);
                byte[] marker = ("PRACTICE SESSION COPY - NOT FOR PRODUCTION\n").getBytes(StandardCharsets.US_ASCII);
                byte[] content = new byte[marker.length + production.length];
                System.arraycopy(marker, 0, content, 0, marker.length);
                System.arraycopy(production, 0, content, marker.length, production.length);
                writeAtomically(target, content);
                written.add(target);
            }
        }
        LOG.info("Published {} practice copies of business day {}", written.size(), businessDate);
        return written;
    }

    /**
     * Releases one report every {@code interval}, in the day's release order, starting with {@code firstDay} and
     * moving on to the next weekday when a day is done.
     */
    public synchronized void startSchedule(LocalDate firstDay, Duration interval) {
        scheduledDay = firstDay;
        scheduler.scheduleAtFixedRate(this::releaseNext, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Releasing one report every {} from business day {}", interval, firstDay);
    }

    /** Publishes the next scheduled report; returns its path, or empty when it already existed. */
    public synchronized Optional<Path> releaseNext() {
        try {
            if (pending.isEmpty()) {
                for (AccountConfig account : accounts.values()) {
                    pending.addAll(catalogue.plan(account, scheduledDay));
                }
                pending.sort(Comparator.comparing((PlannedReport p) -> p.template().release()));
                scheduledDay = nextWeekday(scheduledDay);
            }
            return publish(pending.remove(0));
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and go on with the next one.
            LOG.error("Scheduled release failed", e);
            return Optional.empty();
        }
    }

    /** Writes the next generation of an existing report under the same name: same path, new content and time. */
    public Path reissue(String user, String relativePath) {
        AccountConfig account = account(user);
        PlannedReport report = findPlanned(account, relativePath);
        int generation = generations.merge(key(account, relativePath), 1, Integer::sum);
        Path target = homes.apply(account).resolve(relativePath);
        writeAtomically(target, ReportContent.of(report, generation));
        LOG.info("Re-issued {} for {} (generation {})", relativePath, user, generation);
        return target;
    }

    /** Publishes an empty file, which is a valid report. */
    public Path publishZeroByte(String user, String relativePath) {
        Path target = homes.apply(account(user)).resolve(relativePath);
        writeAtomically(target, new byte[0]);
        return target;
    }

    /**
     * Writes a file in place, growing chunk by chunk over {@code duration}, as an upload in progress looks from
     * outside. Returns at once; the file is complete after the duration.
     */
    public Path writeSlowly(String user, String relativePath, int size, Duration duration) {
        Path target = homes.apply(account(user)).resolve(relativePath);
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) ('A' + i % 26);
        }
        int chunks = 10;
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 1; i <= chunks; i++) {
            int from = size * (i - 1) / chunks;
            int to = size * i / chunks;
            scheduler.schedule(() -> append(target, content, from, to), duration.toMillis() * i / chunks,
                    TimeUnit.MILLISECONDS);
        }
        return target;
    }

    /** Adds a directory entry listed with a hostile name ({@link HostileEntry}) to the account's inbox. */
    public Path publishHostile(String user, LocalDate businessDate, HostileEntry kind) {
        AccountConfig account = account(user);
        String relativePath = "INBOX/" + businessDate.format(DateTimeFormatter.BASIC_ISO_DATE) + "/HOSTILE-"
                + kind.name() + ".txt";
        Path file = homes.apply(account).resolve(relativePath);
        writeAtomically(file, ("hostile entry " + kind + "\n").getBytes(StandardCharsets.US_ASCII));
        hostileNames.register(user, relativePath, kind.rawName(account.participant()));
        return file;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private Optional<Path> publish(PlannedReport report) {
        Path target = homes.apply(report.account()).resolve(report.relativePath());
        if (Files.exists(target)) {
            return Optional.empty();
        }
        int generation = generations.getOrDefault(key(report.account(), report.relativePath()), 0);
        writeAtomically(target, ReportContent.of(report, generation));
        return Optional.of(target);
    }

    private PlannedReport findPlanned(AccountConfig account, String relativePath) {
        LocalDate date = dateOf(relativePath);
        return catalogue.plan(account, date).stream()
                .filter(p -> p.relativePath().equals(relativePath))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No report " + relativePath + " for " + account
                        .user()));
    }

    private static LocalDate dateOf(String relativePath) {
        Matcher m = Pattern.compile("(\\d{8})").matcher(relativePath);
        if (!m.find()) {
            throw new IllegalArgumentException("No business date in " + relativePath);
        }
        return LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
    }

    private void writeAtomically(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectories(staging);
            Path temp = Files.createTempFile(staging, "report-", ".part");
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                out.write(content);
            }
            // A re-issue within the same second must still look new: move the modification time on.
            if (Files.exists(target)) {
                Instant previous = Files.getLastModifiedTime(target).toInstant();
                Instant now = Instant.now();
                Files.setLastModifiedTime(temp, FileTime.from(now.isAfter(previous.plusSeconds(1))
                        ? now
                        : previous.plusSeconds(1)));
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot publish " + target, e);
        }
    }

    private static void append(Path target, byte[] content, int from, int to) {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.APPEND)) {
            out.write(content, from, to - from);
        } catch (IOException e) {
            LOG.error("Slow write of {} failed", target, e);
        }
    }

    private AccountConfig account(String user) {
        AccountConfig account = accounts.get(user);
        if (account == null) {
            throw new IllegalArgumentException("Unknown account " + user);
        }
        return account;
    }

    private static String key(AccountConfig account, String relativePath) {
        return account.user() + "/" + relativePath;
    }

    static LocalDate nextWeekday(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }
}
