package io.raprelay.catalog.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

/** The versioned expected-report schedule: a change is a new version, effective from a business date. */
@ApplicationScoped
public class ScheduleService {

    /** One schedule version with the reports it expects, and the moves of its effective date. */
    public record ScheduleView(int version, LocalDate effectiveFrom, Instant createdAt, String createdBy,
            String reason, List<Expectation> expected, List<Move> moves) {
    }

    /** An operator moved a version's effective date. */
    public record Move(LocalDate from, LocalDate to, Instant movedAt, String movedBy, String reason) {
    }

    private final Clock clock;

    public ScheduleService(Clock clock) {
        this.clock = clock;
    }

    /** The version in force on a date: the newest one effective on or before it. */
    @Transactional
    public Optional<ScheduleView> inForce(LocalDate date) {
        return ScheduleVersion.<ScheduleVersion>find("effectiveFrom <= ?1 order by version desc", date)
                .firstResultOptional().map(ScheduleService::view);
    }

    @Transactional
    public List<ScheduleView> versions() {
        return ScheduleVersion.<ScheduleVersion>list("order by version").stream().map(ScheduleService::view).toList();
    }

    @Transactional
    public Optional<ScheduleView> version(int version) {
        return ScheduleVersion.<ScheduleVersion>findByIdOptional(version).map(ScheduleService::view);
    }

    /** Stores a new version; the caller has validated the entries. */
    @Transactional
    public ScheduleView create(LocalDate effectiveFrom, String reason, List<Expectation> expected, String createdBy) {
        ScheduleVersion version = new ScheduleVersion();
        version.version = ScheduleVersion.<ScheduleVersion>find("order by version desc").firstResultOptional()
                .map(v -> v.version + 1).orElse(1);
        version.effectiveFrom = effectiveFrom;
        version.createdAt = clock.instant();
        version.createdBy = createdBy;
        version.reason = reason;
        version.persist();
        for (Expectation e : expected) {
            ExpectedReport row = new ExpectedReport();
            row.scheduleVersion = version.version;
            row.clearingHouse = e.clearingHouse();
            row.sourceSystem = e.sourceSystem();
            row.reportCode = e.reportCode();
            row.participant = e.participant();
            row.deadlineTime = e.deadlineTime();
            row.deadlineBusinessDays = e.deadlineBusinessDays();
            row.onHalfDays = e.onHalfDays();
            row.run = e.run();
            row.persist();
        }
        Log.infof("Schedule version %d (%d expected reports, effective %s) created by %s: %s", version.version,
                expected.size(), effectiveFrom, createdBy, reason);
        return new ScheduleView(version.version, effectiveFrom, version.createdAt, createdBy, reason,
                List.copyOf(expected), List.of());
    }

    /**
     * Moves a version's effective date; it must stay after the version before it and before the version after it
     * (by number), so the versions keep their order.
     */
    @Transactional
    public ScheduleView move(int number, LocalDate to, String reason, String movedBy) {
        ScheduleVersion version = ScheduleVersion.<ScheduleVersion>findByIdOptional(number)
                .orElseThrow(() -> new NoSuchElementException("No schedule version " + number));
        Optional<ScheduleVersion> before = ScheduleVersion.<ScheduleVersion>find(
                "version < ?1 order by version desc", number).firstResultOptional();
        Optional<ScheduleVersion> after = ScheduleVersion.<ScheduleVersion>find("version > ?1 order by version",
                number).firstResultOptional();
        if (before.isPresent() && !to.isAfter(before.get().effectiveFrom)) {
            throw new IllegalArgumentException("must be after " + before.get().effectiveFrom + ", when version "
                    + before.get().version + " took effect");
        }
        if (after.isPresent() && !to.isBefore(after.get().effectiveFrom)) {
            throw new IllegalArgumentException("must be before " + after.get().effectiveFrom + ", when version "
                    + after.get().version + " takes effect");
        }
        ScheduleMove move = new ScheduleMove();
        move.scheduleVersion = number;
        move.movedFrom = version.effectiveFrom;
        move.movedTo = to;
        move.movedAt = clock.instant();
        move.movedBy = movedBy;
        move.reason = reason;
        move.persist();
        Log.infof("Schedule version %d moved from %s to %s by %s: %s", number, version.effectiveFrom, to, movedBy,
                reason);
        version.effectiveFrom = to;
        return view(version);
    }

    private static ScheduleView view(ScheduleVersion version) {
        List<Expectation> expected = ExpectedReport.<ExpectedReport>list("scheduleVersion = ?1 order by id",
                version.version).stream().map(ExpectedReport::toExpectation).toList();
        List<Move> moves = ScheduleMove.<ScheduleMove>list("scheduleVersion = ?1 order by id", version.version)
                .stream().map(m -> new Move(m.movedFrom, m.movedTo, m.movedAt, m.movedBy, m.reason)).toList();
        return new ScheduleView(version.version, version.effectiveFrom, version.createdAt, version.createdBy,
                version.reason, expected, moves);
    }
}
