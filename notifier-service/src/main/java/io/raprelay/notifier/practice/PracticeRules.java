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
import io.raprelay.notifier.weather.Warning;

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
 * <p>
 * A decision is <em>provisional</em> when the weather it rests on is not certain: the feed was down at the time it
 * applies to (a warning may be in force unseen), or a warning left the feed without its cancellation being seen and
 * the decision would differ had it ended at its earliest possible time. The rules then take the safe side (the latest
 * possible end) and say so; the live path confirms or corrects the decision once the weather is certain.
 * <p>
 * HKEX's own word overrides the rules: an {@link Announcement} recorded by an operator is the decision from the time it
 * was recorded, whatever the rules computed until then. Only weather after it brings the rules back, and only to stop a
 * session HKEX said goes ahead (a No. 8 signal raised after HKEX's "goes ahead" still terminates it); a cancellation or
 * termination HKEX announced is final.
 */
public final class PracticeRules {

    static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");
    static final DateTimeFormatter HKT = Warning.HKT;
    static final LocalTime DECISION_TIME = LocalTime.of(9, 0);
    static final Duration TERMINATION_DELAY = Duration.ofMinutes(15);
    static final Duration STATUS_NOTICE_BEFORE_START = Duration.ofHours(2);

    /** What the rules say at {@code now}. */
    public record Decision(PracticeSessionStatus status, Instant decidedAt, Instant effectiveAt, String rule,
            Warning warning, String explanation, boolean provisional) {

        Decision(PracticeSessionStatus status, Instant decidedAt, Instant effectiveAt, String rule, Warning warning,
                String explanation) {
            this(status, decidedAt, effectiveAt, rule, warning, explanation, false);
        }

        /** Stopped for the day: cancelled or terminated. */
        public boolean stopped() {
            return status == PracticeSessionStatus.CANCELLED || status == PracticeSessionStatus.TERMINATED;
        }
    }

    /** The rule name of a decision that is HKEX's announcement rather than a computed one. */
    public static final String ANNOUNCED = "HKEX_ANNOUNCEMENT";

    /**
     * HKEX's announcement about a session, as an operator recorded it: the status HKEX gave, from when, and where it
     * was announced (reference).
     */
    public record Announcement(PracticeSessionStatus status, Instant recordedAt, Instant effectiveAt,
            String reference, String recordedBy) {
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
        WITHDRAWN,
        /**
         * A provisional decision sent earlier turned out otherwise once the weather was certain (until the session's
         * end); sent by the service, from {@link PracticeRules#correction}.
         */
        CORRECTION,
        /** Ten minutes before a part: switch to the part's data centre. */
        PART_PROMPT,
        /** The end of a part followed by another: what comes next, and on which data centre. */
        BETWEEN_PARTS,
        /** Ten minutes into a part an installation is not on the part's data centre; sent by the service. */
        DATA_CENTRE_CHECK,
        /** An operator recorded HKEX's own announcement; sent by the service. */
        HKEX_ANNOUNCEMENT
    }

    /**
     * One notice to the session's contacts, due at {@code at}; each kind at most once per due time (a "continues as
     * normal" per black rainstorm, a prompt per part).
     */
    public record Notice(NoticeKind kind, Instant at, PracticeSessionStatus status, String text, boolean provisional) {

        Notice(NoticeKind kind, Instant at, PracticeSessionStatus status, String text) {
            this(kind, at, status, text, false);
        }

        Notice(NoticeKind kind, Decision decision, Instant at) {
            this(kind, at, decision.status(), decision.explanation(), decision.provisional());
        }
    }

    private PracticeRules() {
    }

    /** What the rules say at {@code now}, with the feed answering throughout. */
    public static Decision decide(PracticeSession session, List<Warning> warnings, Instant now) {
        return decide(session, warnings, now, null);
    }

    /**
     * What the rules say at {@code now}; {@code feedDownSince} (null: the feed answers) makes a decision that a warning
     * unseen since then could change provisional.
     */
    public static Decision decide(PracticeSession session, List<Warning> warnings, Instant now,
            Instant feedDownSince) {
        return decide(session, warnings, now, feedDownSince, null);
    }

    /** As {@link #decide(PracticeSession, List, Instant, Instant)}, with HKEX's announcement (or null) overriding. */
    public static Decision decide(PracticeSession session, List<Warning> warnings, Instant now,
            Instant feedDownSince, Announcement announcement) {
        if (announcement == null || now.isBefore(announcement.recordedAt())) {
            return computed(session, warnings, now, feedDownSince);
        }
        boolean announcedStop = announcement.status() == PracticeSessionStatus.CANCELLED
                || announcement.status() == PracticeSessionStatus.TERMINATED;
        if (!announcedStop) {
            // A warning issued after HKEX's "goes ahead" stops the session by the rules, as the circular says.
            Decision since = computed(session, warnings.stream()
                    .filter(w -> w.issuedAt().isAfter(announcement.recordedAt())).toList(), now, feedDownSince);
            if (since.stopped()) {
                return since;
            }
        }
        String said = "HKEX announced (" + announcement.reference() + "; recorded by " + announcement.recordedBy()
                + " at " + HKT.format(announcement.recordedAt()) + ")";
        Instant effective = announcement.effectiveAt();
        return switch (announcement.status()) {
            case CANCELLED -> new Decision(PracticeSessionStatus.CANCELLED, announcement.recordedAt(), effective,
                    ANNOUNCED, null, said + ": the session is cancelled and not resumed for the rest of the day.");
            case TERMINATED -> new Decision(PracticeSessionStatus.TERMINATED, announcement.recordedAt(), effective,
                    ANNOUNCED, null, said + ": the session is terminated at " + HKT.format(effective) + ".");
            default -> now.isBefore(session.end())
                    ? new Decision(PracticeSessionStatus.PROCEEDING, announcement.recordedAt(), effective, ANNOUNCED,
                            null, said + ": the session goes ahead.")
                    : new Decision(PracticeSessionStatus.COMPLETED, session.end(), session.end(), ANNOUNCED, null,
                            said + " that the session goes ahead; it ended at " + HKT.format(session.end()) + ".");
        };
    }

    private static Decision computed(PracticeSession session, List<Warning> warnings, Instant now,
            Instant feedDownSince) {
        Decision seen = decideAsSeen(session, warnings, now);
        Decision earliest = decideAsSeen(session,
                warnings.stream().map(w -> w.endedEarliest(feedDownSince)).toList(), now);
        boolean blind = feedDownSince != null && !feedDownSince.isAfter(now)
                && (seen.status() == PracticeSessionStatus.PROCEEDING
                        || seen.status() == PracticeSessionStatus.COMPLETED);
        boolean uncertainEnd = seen.status() != earliest.status();
        if (!blind && !uncertainEnd) {
            return seen;
        }
        String why = uncertainEnd
                ? " Provisional: " + earliest.explanation().replaceFirst("\\.$", "")
                        + " if the warning ended at its earliest possible time; confirmed or corrected once HKO's own "
                        + "end time is known."
                : " Provisional: the HKO warning feed has not answered since " + HKT.format(feedDownSince)
                        + "; confirmed or corrected when it answers again.";
        return new Decision(seen.status(), seen.decidedAt(), seen.effectiveAt(), seen.rule(), seen.warning(),
                seen.explanation() + why, true);
    }

    private static Decision decideAsSeen(PracticeSession session, List<Warning> warnings, Instant now) {
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

    /**
     * What the live path sends at {@code now} (each notice once, by kind and due time): the notices due, except a
     * "continues as normal" once the session is stopped (not sent before the stop, it would contradict it).
     */
    public static List<Notice> toSend(PracticeSession session, List<Warning> warnings, Instant now,
            Instant feedDownSince) {
        return toSend(session, warnings, now, feedDownSince, null);
    }

    /** As {@link #toSend(PracticeSession, List, Instant, Instant)}, under HKEX's announcement (or null). */
    public static List<Notice> toSend(PracticeSession session, List<Warning> warnings, Instant now,
            Instant feedDownSince, Announcement announcement) {
        boolean stopped = decide(session, warnings, now, feedDownSince, announcement).stopped();
        return notices(session, warnings, now, feedDownSince, announcement).stream()
                .filter(n -> !(stopped && n.kind() == NoticeKind.CONTINUES_AS_NORMAL)).toList();
    }

    /**
     * After a provisional decision notice that said {@code said}: the correction due at {@code now} if the rules now
     * say otherwise (before the session starts, as the circular's participants need it; later too, until its end,
     * rather than leave a wrong notice standing).
     */
    public static Optional<Notice> correction(PracticeSession session, PracticeSessionStatus said, Decision decision,
            Instant now) {
        if (!now.isBefore(session.end()) || decision.status() == said
                || decision.status() == PracticeSessionStatus.SCHEDULED) {
            return Optional.empty();
        }
        return Optional.of(new Notice(NoticeKind.CORRECTION, now, decision.status(), "Correction of the notice that "
                + "said " + said + ", which rested on incomplete weather information: " + decision.explanation(),
                decision.provisional()));
    }

    static final Duration PROMPT_BEFORE_PART = Duration.ofMinutes(10);
    static final Duration CHECK_INTO_PART = Duration.ofMinutes(10);

    /**
     * The prompts at the part boundaries due by {@code now} and still of use: ten minutes before each part (until it
     * starts), switch to its data centre; at the end of a part followed by another (until the next starts), what comes
     * next. None once the session is stopped (the reminder to be on the primary data centre follows a stop or the
     * end).
     */
    public static List<Notice> prompts(PracticeSession session, Decision decision, Instant now) {
        List<Notice> prompts = new ArrayList<>();
        if (decision.stopped()) {
            return prompts;
        }
        List<PracticeSession.Part> parts = session.parts().stream()
                .sorted(Comparator.comparing(PracticeSession.Part::start)).toList();
        for (int i = 0; i < parts.size(); i++) {
            PracticeSession.Part part = parts.get(i);
            Instant before = session.at(part.start()).minus(PROMPT_BEFORE_PART);
            // A prompt is no use once its part has started (after a restart, say): the check ten minutes in follows.
            if (!now.isBefore(before) && now.isBefore(session.at(part.start()))) {
                prompts.add(new Notice(NoticeKind.PART_PROMPT, before, decision.status(), part.name() + " starts at "
                        + part.start() + " HKT on the " + part.dataCentre() + " data centre: switch every installation "
                        + "to the " + part.dataCentre() + " data centre's addresses now (fetcher: POST "
                        + "/api/sites/{installation}/data-centre), if it is not there yet."));
            }
            Instant ended = session.at(part.end());
            if (i + 1 < parts.size() && !now.isBefore(ended) && now.isBefore(session.at(parts.get(i + 1).start()))) {
                PracticeSession.Part next = parts.get(i + 1);
                prompts.add(new Notice(NoticeKind.BETWEEN_PARTS, ended, decision.status(), part.name() + " is over. "
                        + next.name() + " starts at " + next.start() + " HKT on the " + next.dataCentre()
                        + " data centre" + (next.dataCentre() == part.dataCentre()
                                ? "."
                                : ": switch back to the " + next.dataCentre()
                                        + " data centre's addresses before then.")));
            }
        }
        return prompts;
    }

    /** The data-centre checks due by {@code now}: ten minutes into each part that is still running. */
    public static List<PracticeSession.Part> partsToCheck(PracticeSession session, Decision decision, Instant now) {
        if (decision.stopped()) {
            return List.of();
        }
        return session.parts().stream().filter(p -> !now.isBefore(session.at(p.start()).plus(CHECK_INTO_PART))
                && now.isBefore(session.at(p.end()))).toList();
    }

    /** Every notice due by {@code now}, in time order: what the live path sends and the what-if endpoint shows. */
    public static List<Notice> notices(PracticeSession session, List<Warning> warnings, Instant now) {
        return notices(session, warnings, now, null);
    }

    /**
     * As {@link #notices(PracticeSession, List, Instant)}, with the feed down since {@code feedDownSince} (or null).
     */
    public static List<Notice> notices(PracticeSession session, List<Warning> warnings, Instant now,
            Instant feedDownSince) {
        return notices(session, warnings, now, feedDownSince, null);
    }

    /**
     * As {@link #notices(PracticeSession, List, Instant, Instant)}, under HKEX's announcement (or null): decisions from
     * it are not announced again as a cancellation or termination (the announcement notice told them).
     */
    public static List<Notice> notices(PracticeSession session, List<Warning> warnings, Instant now,
            Instant feedDownSince, Announcement announcement) {
        Instant nine = session.at(DECISION_TIME);
        Instant start = session.start();
        Instant end = session.end();
        Instant statusAt = start.minus(STATUS_NOTICE_BEFORE_START);
        List<Notice> notices = new ArrayList<>();
        if (!now.isBefore(nine)) {
            notices.add(new Notice(NoticeKind.DECISION_0900,
                    decide(session, warnings, nine, feedDownSince, announcement), nine));
        }
        Decision decision = decide(session, warnings, now, feedDownSince, announcement);
        boolean announced = ANNOUNCED.equals(decision.rule());
        boolean cancelledAfterNine = decision.status() == PracticeSessionStatus.CANCELLED
                && decision.decidedAt().isAfter(nine) && !announced;
        if (cancelledAfterNine) {
            notices.add(new Notice(NoticeKind.CANCELLATION, decision, decision.decidedAt()));
        }
        if (!now.isBefore(statusAt)) {
            notices.add(new Notice(NoticeKind.STATUS_BEFORE_START, decide(session, warnings, statusAt,
                    feedDownSince, announcement), statusAt));
        }
        if (decision.status() == PracticeSessionStatus.TERMINATED && !announced) {
            notices.add(new Notice(NoticeKind.TERMINATION, decision, decision.decidedAt()));
        }
        Instant stoppedAt = decision.status() == PracticeSessionStatus.TERMINATED ? decision.effectiveAt() : end;
        for (Warning w : warnings) {
            // Only while the session was going ahead when it was issued: after a termination or cancellation (final
            // for the day) a "continues as normal" would contradict it.
            if (w.blackRainstorm() && !w.issuedAt().isBefore(start) && w.issuedAt().isBefore(stoppedAt)
                    && !w.issuedAt().isAfter(now) && decision.status() != PracticeSessionStatus.CANCELLED
                    && decide(session, warnings, w.issuedAt(), null, announcement)
                            .status() == PracticeSessionStatus.PROCEEDING) {
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
