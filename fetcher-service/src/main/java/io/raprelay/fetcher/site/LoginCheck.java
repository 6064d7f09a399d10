package io.raprelay.fetcher.site;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ServiceUnavailableException;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.LoginCheckCompleted;
import io.raprelay.contracts.LoginCheckCompleted.HostResult;
import io.raprelay.contracts.LoginCheckCompleted.Occasion;
import io.raprelay.contracts.PracticeSessionConfigured;
import io.raprelay.fetcher.practice.PracticeCalendar;
import io.raprelay.fetcher.publish.FetchEventPublisher;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

/**
 * Login checks around a practice session: every account of each installation logs in on every host of one data centre
 * and lists its home folder (read-only: nothing is fetched, written or removed).
 * <ul>
 * <li>The standby pre-check of the secondary, where part 1 runs: on the business day before the session
 * ({@code fetcher.login-check.day-before-at}) and on its day ({@code fetcher.login-check.session-day-at}).</li>
 * <li>Ten minutes into each part ({@code fetcher.login-check.into-part}), on the part's data centre: the login result
 * the drill evidence shows (part 2's login to the primary, say).</li>
 * </ul>
 * Each result is published as {@link LoginCheckCompleted}, once per installation, occasion, session and part (a failed
 * publish is tried again at the next look); the notifier alerts the contacts when one did not pass. Operators run it at
 * any time ({@code POST /api/sites/{installation}/login-check?dataCentre=}).
 * <p>
 * The business day before a session is taken as the weekday before it: the fetcher holds no holiday calendar, so a
 * session right after a public holiday is checked on the holiday (harmless: RAP answers every day).
 */
@ApplicationScoped
public class LoginCheck {

    private final Sites sites;
    private final PracticeCalendar calendar;
    private final FetchEventPublisher publisher;
    private final Clock clock;
    private final LocalTime dayBeforeAt;
    private final LocalTime sessionDayAt;
    private final Duration intoPart;
    private final Duration timeout;
    private final Set<String> done = ConcurrentHashMap.newKeySet();

    public LoginCheck(Sites sites, PracticeCalendar calendar, FetchEventPublisher publisher, FetcherConfig config,
            Clock clock) {
        this.sites = sites;
        this.calendar = calendar;
        this.publisher = publisher;
        this.clock = clock;
        this.dayBeforeAt = config.loginCheck().dayBeforeAt();
        this.sessionDayAt = config.loginCheck().sessionDayAt();
        this.intoPart = config.loginCheck().intoPart();
        this.timeout = config.poll().connectTimeout();
    }

    @Scheduled(every = "{fetcher.login-check.interval}", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (calendar.known()) {
            due(clock.instant());
        }
    }

    /** Runs the checks due at {@code now} that have not run yet; returns the results published by this call. */
    public synchronized List<LoginCheckCompleted> due(Instant now) {
        ZonedDateTime local = now.atZone(KeyWatch.HONG_KONG);
        LocalDate today = local.toLocalDate();
        List<LoginCheckCompleted> published = new ArrayList<>();
        for (PracticeSessionConfigured session : calendar.sessions()) {
            if (session.withdrawn()) {
                continue;
            }
            if (today.equals(session.sessionDate()) && !local.toLocalTime().isBefore(sessionDayAt)) {
                run(session, Occasion.SESSION_DAY, DataCentre.SECONDARY, null, now, published);
            } else if (today.equals(businessDayBefore(session.sessionDate()))
                    && !local.toLocalTime().isBefore(dayBeforeAt)) {
                run(session, Occasion.DAY_BEFORE, DataCentre.SECONDARY, null, now, published);
            }
            for (PracticeSessionConfigured.Part part : session.parts()) {
                if (!now.isBefore(part.startsAt().plus(intoPart)) && now.isBefore(part.endsAt())) {
                    run(session, Occasion.IN_PART, part.dataCentre(), part.name(), now, published);
                }
            }
        }
        return published;
    }

    /** An operator's check of one installation's data centre now; published (Kafka refuses: 503) and returned. */
    public LoginCheckCompleted onDemand(Installation installation, DataCentre dataCentre) {
        LoginCheckCompleted result = check(installation, dataCentre, Occasion.ON_DEMAND, null, null, null,
                UUID.randomUUID().toString(), clock.instant());
        try {
            publisher.publish(result);
        } catch (RuntimeException e) {
            throw new ServiceUnavailableException("The login check ran (passed: " + result.passed()
                    + ") but could not be published to Kafka (" + e.getMessage() + "); run it again", 30L);
        }
        return result;
    }

    private void run(PracticeSessionConfigured session, Occasion occasion, DataCentre dataCentre, String part,
            Instant now, List<LoginCheckCompleted> published) {
        for (Installation installation : sites.installations()) {
            String key = session.sessionId() + "/" + session.sessionDate() + "/" + occasion + "/" + installation
                    + (part == null ? "" : "/" + part);
            if (done.contains(key)) {
                continue;
            }
            LoginCheckCompleted result = check(installation, dataCentre, occasion, session.sessionId(),
                    session.sessionDate(), part, UUID.nameUUIDFromBytes(("LoginCheckCompleted/" + key)
                            .getBytes(StandardCharsets.UTF_8)).toString(),
                    now);
            try {
                publisher.publish(result);
                done.add(key);
                published.add(result);
            } catch (RuntimeException e) {
                Log.warnf("Login check (%s) of %s for %s not published (%s); run again at the next look", occasion,
                        installation, session.sessionId(), e.getMessage());
            }
        }
    }

    /** The weekday before a date (Monday's is the Friday before). */
    static LocalDate businessDayBefore(LocalDate date) {
        LocalDate day = date.minusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(1);
        }
        return day;
    }

    private LoginCheckCompleted check(Installation installation, DataCentre dataCentre, Occasion occasion,
            String sessionId, LocalDate sessionDate, String part, String eventId, Instant now) {
        List<HostResult> results = new ArrayList<>();
        for (RapHost host : sites.hosts(installation, dataCentre)) {
            for (RapAccount account : sites.accounts()) {
                if (account.installation() == installation) {
                    results.add(login(host, account));
                }
            }
        }
        boolean passed = !results.isEmpty() && results.stream().allMatch(HostResult::listed);
        results.forEach(r -> {
            if (r.listed()) {
                Log.infof("Login check (%s) %s: %s on %s logged in and listed %d entries", occasion,
                        installation, r.account(), r.host(), r.entries());
            } else {
                Log.errorf("Login check (%s) %s: %s on %s FAILED: %s", occasion, installation, r.account(),
                        r.host(), r.failure());
            }
        });
        return new LoginCheckCompleted(eventId, now, installation, dataCentre, occasion, sessionId, sessionDate,
                part, passed, results);
    }

    /** Logs in with the account's key (host key checked against the pinned ones) and lists its home folder. */
    private HostResult login(RapHost host, RapAccount account) {
        JSch jsch = new JSch();
        Session session = null;
        boolean loggedIn = false;
        try {
            jsch.setKnownHosts(account.knownHostsFile().toString());
            jsch.addIdentity(account.user(), account.privateKey(), null,
                    account.passphrase() == null ? null : account.passphrase().getBytes(StandardCharsets.UTF_8));
            session = jsch.getSession(account.user(), host.host(), host.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.connect((int) timeout.toMillis());
            loggedIn = true;
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect((int) timeout.toMillis());
            try {
                Vector<?> entries = sftp.ls(".");
                long count = entries.stream().map(e -> ((ChannelSftp.LsEntry) e).getFilename())
                        .filter(name -> !name.equals(".") && !name.equals("..")).count();
                return new HostResult(host.address(), account.user(), true, true, (int) count, null);
            } finally {
                sftp.disconnect();
            }
        } catch (JSchException | SftpException e) {
            String failure = (loggedIn ? "listing refused: " : "login failed: ") + e.getMessage();
            return new HostResult(host.address(), account.user(), loggedIn, false, null,
                    failure.length() > 1000 ? failure.substring(0, 1000) : failure);
        } finally {
            if (session != null) {
                session.disconnect();
            }
        }
    }
}
