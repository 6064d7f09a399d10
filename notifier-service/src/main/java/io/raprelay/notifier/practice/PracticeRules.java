package io.raprelay.notifier.practice;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.raprelay.contracts.PracticeSessionStatus;

/**
 * The circular's three severe-weather rules for a practice session (section 5), as a pure function of the session,
 * the warnings as seen, and the time now:
 * <ol>
 * <li>No. 8 or above, Extreme Conditions or the Black Rainstorm Warning issued or in force at or after 09:00, before
 * the session starts: CANCELLED, decided at 09:00 or when issued, whichever is later.</li>
 * <li>No. 8 or above or Extreme Conditions issued after the start (until the last part ends): TERMINATED 15 minutes
 * after the issue time.</li>
 * <li>Black Rainstorm issued during the session: it continues as normal (a notice, no change).</li>
 * </ol>
 * Other warnings change nothing. A cancellation or termination never reverts that day. The same function serves the
 * live path and the what-if endpoint, so they cannot disagree.
 */
public final class PracticeRules {

    static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");
    static final DateTimeFormatter HKT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'HKT'").withZone(HONG_KONG);
    static final LocalTime DECISION_TIME = LocalTime.of(9, 0);
    static final Duration TERMINATION_DELAY = Duration.ofMinutes(15);
    static final Duration STATUS_NOTICE_BEFORE_START = Duration.ofHours(2);

    /** What the rules say at {@code now}. */
    public record Decision(PracticeSessionStatus status, Instant decidedAt, Instant effectiveAt, String rule,
            Warning warning, String explanation) {
    }

    public enum NoticeKind {
        /** The 09:00 decision: goes ahead, or cancelled. */
        DECISION_0900,
        /** Two hours before the start, when participants may call to check. */
        STATUS_BEFORE_START,
        /** A cancellation decided after 09:00, as soon as it is decided. */
        CANCELLATION,
        /** A termination, with its effective time. */
        TERMINATION,
        /** A black rainstorm during the session: activities continue as normal. */
        CONTINUES_AS_NORMAL,
        /** After a termination or the end of the session: be back on the primary data centre next business day. */
        PRIMARY_REMINDER,
        /** An operator moved the session (another day or other times); sent by the service, not the rules. */
        RESCHEDULED,
        /** An operator withdrew the session (HKEX cancelled it); sent by the service, not the rules. */
        WITHDRAWN
    }

    /** One notice to the session's contacts, due at {@code at}; each kind at most once (per black rainstorm). */
    public record Notice(NoticeKind kind, Instant at, PracticeSessionStatus status, String text) {
    }

    private PracticeRules() {
    }

    public static Decision decide(PracticeSession session, List<Warning> warnings, Instant now) {
        Instant nine = session.at(DECISION_TIME);
        Instant start = session.start();
        Instant end = session.end();
        List<Decision> candidates = new ArrayList<>();
        for (Warning w : warnings) {
            if (!w.trigger()) {
                continue;
            }
            if (w.issuedAt().isBefore(start) && w.inForceDuring(nine, start)) {
                Instant decided = w.issuedAt().isAfter(nine) ? w.issuedAt() : nine;
                candidates.add(new Decision(PracticeSessionStatus.CANCELLED, decided, decided, "RULE_1_CANCEL", w,
                        w.describe() + ": in force at or after 09:00 before the session starts, so the session is "
                                + "cancelled and not resumed for the rest of the day (rule 1)."));
            } else if (w.signal8OrExtreme() && !w.issuedAt().isBefore(start) && w.issuedAt().isBefore(end)) {
                Instant effective = w.issuedAt().plus(TERMINATION_DELAY);
                candidates.add(new Decision(PracticeSessionStatus.TERMINATED, w.issuedAt(), effective,
                        "RULE_2_TERMINATE", w, w.describe() + ": issued after the start of the session, so it is "
                                + "terminated 15 minutes thereafter, at " + HKT.format(effective) + " (rule 2)."));
            }
        }
        Optional<Decision> taken = candidates.stream().filter(d -> !d.decidedAt().isAfter(now))
                .min(Comparator.comparing(Decision::decidedAt));
        if (taken.isPresent()) {
            return taken.get();
        }
        if (now.isBefore(nine)) {
            return new Decision(PracticeSessionStatus.SCHEDULED, null, null, null, null,
                    "No decision before 09:00 on the day of the session.");
        }
        if (!now.isBefore(end)) {
            return new Decision(PracticeSessionStatus.COMPLETED, end, end, null, null,
                    "The session ended at " + HKT.format(end) + " as planned.");
        }
        return new Decision(PracticeSessionStatus.PROCEEDING, nine, nine, null, null,
                "No No. 8 or above signal, Extreme Conditions or Black Rainstorm Warning in force at 09:00 or since: "
                        + "the session goes ahead.");
    }

    /** Every notice due by {@code now}, in time order: what the live path sends and the what-if endpoint shows. */
    public static List<Notice> notices(PracticeSession session, List<Warning> warnings, Instant now) {
        Instant nine = session.at(DECISION_TIME);
        Instant start = session.start();
        Instant end = session.end();
        Instant statusAt = start.minus(STATUS_NOTICE_BEFORE_START);
        List<Notice> notices = new ArrayList<>();
        if (!now.isBefore(nine)) {
            Decision at9 = decide(session, warnings, nine);
            notices.add(new Notice(NoticeKind.DECISION_0900, nine, at9.status(), at9.explanation()));
        }
        Decision decision = decide(session, warnings, now);
        boolean cancelledAfterNine = decision.status() == PracticeSessionStatus.CANCELLED
                && decision.decidedAt().isAfter(nine);
        if (cancelledAfterNine) {
            notices.add(new Notice(NoticeKind.CANCELLATION, decision.decidedAt(), decision.status(),
                    decision.explanation()));
        }
        if (!now.isBefore(statusAt)) {
            Decision atStatus = decide(session, warnings, statusAt);
            notices.add(new Notice(NoticeKind.STATUS_BEFORE_START, statusAt, atStatus.status(),
                    atStatus.explanation()));
        }
        if (decision.status() == PracticeSessionStatus.TERMINATED) {
            notices.add(new Notice(NoticeKind.TERMINATION, decision.decidedAt(), decision.status(),
                    decision.explanation()));
        }
        Instant stoppedAt = decision.status() == PracticeSessionStatus.TERMINATED ? decision.effectiveAt() : end;
        for (Warning w : warnings) {
            // Only while the session was going ahead when it was issued: after a termination or cancellation (final
            // for the day) a "continues as normal" would contradict it.
            if (w.blackRainstorm() && !w.issuedAt().isBefore(start) && w.issuedAt().isBefore(stoppedAt)
                    && !w.issuedAt().isAfter(now) && decision.status() != PracticeSessionStatus.CANCELLED
                    && decide(session, warnings, w.issuedAt()).status() == PracticeSessionStatus.PROCEEDING) {
                notices.add(new Notice(NoticeKind.CONTINUES_AS_NORMAL, w.issuedAt(), PracticeSessionStatus.PROCEEDING,
                        w.describe() + ": issued during the session, so all scheduled activities continue as "
                                + "normal (rule 3)."));
            }
        }
        if (decision.status() != PracticeSessionStatus.CANCELLED && !now.isBefore(stoppedAt)) {
            notices.add(new Notice(NoticeKind.PRIMARY_REMINDER, stoppedAt,
                    decision.status() == PracticeSessionStatus.TERMINATED
                            ? PracticeSessionStatus.TERMINATED
                            : PracticeSessionStatus.COMPLETED,
                    "The session is over: make sure your systems use the primary data centre's addresses for the "
                            + "next business day."));
        }
        notices.sort(Comparator.comparing(Notice::at));
        return notices;
    }
}
