package io.raprelay.notifier.practice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.notifier.practice.PracticeRules.Decision;
import io.raprelay.notifier.practice.PracticeRules.Notice;
import io.raprelay.notifier.practice.PracticeRules.NoticeKind;
import io.raprelay.notifier.weather.Warning;

/**
 * The practice-session rules over whole days, as the live path lives them: every minute from 00:00 to 23:59 it reads
 * the weather as the feed would show it then (a feed outage hides what happens during it; HKO lists a cancelled
 * warning for 30 minutes, so a cancellation missed across an outage leaves only bounds on the end, until an operator
 * enters HKO's own time), sends each notice once, and confirms or corrects a provisional decision notice as
 * {@link PracticeSessionService} does. Each timeline states the day's final decision and the exact notices, in the
 * order they go out; on every timeline no notice contradicts a certain one sent before it.
 */
class PracticeTimelinesTest {

    private static final LocalDate DAY = LocalDate.of(2031, 6, 21);
    /** The circular's session: part 1 14:00-16:00 on the secondary, part 2 18:00-19:00 on the primary. */
    private static final PracticeSession SESSION = new PracticeSession("drill", DAY, List.of(
            new PracticeSession.Part("Part 1", LocalTime.of(14, 0), LocalTime.of(16, 0), DataCentre.SECONDARY),
            new PracticeSession.Part("Part 2", LocalTime.of(18, 0), LocalTime.of(19, 0), DataCentre.PRIMARY)));
    private static final Duration CANCEL_LISTED = Duration.ofMinutes(30);
    private static final Set<NoticeKind> DECISIONS = Set.of(NoticeKind.DECISION_0900, NoticeKind.CANCELLATION,
            NoticeKind.STATUS_BEFORE_START, NoticeKind.CORRECTION);

    /** A warning as HKO issued it; {@code operatorEndsAt}: when an operator enters its end by hand, if ever. */
    record Issued(String code, String issued, String ended, String operatorEndsAt) {
    }

    record Timeline(String name, List<Issued> warnings, String outageFrom, String outageTo,
            PracticeSessionStatus decision, List<String> notices) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Issued w(String code, String issued, String ended) {
        return new Issued(code, issued, ended, null);
    }

    static Timeline day(String name, List<Issued> warnings, PracticeSessionStatus decision, String... notices) {
        return new Timeline(name, warnings, null, null, decision, List.of(notices));
    }

    static Timeline outage(String name, String from, String to, List<Issued> warnings, PracticeSessionStatus decision,
            String... notices) {
        return new Timeline(name, warnings, from, to, decision, List.of(notices));
    }

    static final String D_GO = "09:00 DECISION_0900 PROCEEDING";
    static final String S_GO = "12:00 STATUS_BEFORE_START PROCEEDING";
    static final String DONE = "19:00 PRIMARY_REMINDER COMPLETED";

    static Stream<Timeline> timelines() {
        PracticeSessionStatus go = PracticeSessionStatus.COMPLETED;
        PracticeSessionStatus cancelled = PracticeSessionStatus.CANCELLED;
        PracticeSessionStatus terminated = PracticeSessionStatus.TERMINATED;
        return Stream.of(
                day("1 calm day", List.of(), go, D_GO, S_GO, DONE),
                day("2 No. 8 in force at 09:00", List.of(w("TC8NE", "05:00", "11:00")), cancelled,
                        "09:00 DECISION_0900 CANCELLED", "12:00 STATUS_BEFORE_START CANCELLED"),
                day("3 No. 8 lowered before 09:00", List.of(w("TC8NE", "05:00", "08:30")), go, D_GO, S_GO, DONE),
                day("4 No. 8 issued between 09:00 and the start", List.of(w("TC8SE", "10:00", "12:30")), cancelled,
                        D_GO, "10:00 CANCELLATION CANCELLED", "12:00 STATUS_BEFORE_START CANCELLED"),
                day("5 black rainstorm in force at 09:00", List.of(w("WRAINB", "07:00", "10:00")), cancelled,
                        "09:00 DECISION_0900 CANCELLED", "12:00 STATUS_BEFORE_START CANCELLED"),
                day("6 Extreme Conditions in force at 09:00", List.of(w("EXTREME", "06:00", "11:00")), cancelled,
                        "09:00 DECISION_0900 CANCELLED", "12:00 STATUS_BEFORE_START CANCELLED"),
                day("7 No. 8 during part 1", List.of(w("TC8NE", "14:30", "20:00")), terminated, D_GO, S_GO,
                        "14:30 TERMINATION TERMINATED", "14:45 PRIMARY_REMINDER TERMINATED"),
                day("8 black rainstorm during part 1", List.of(w("WRAINB", "15:00", "17:00")), go, D_GO, S_GO,
                        "15:00 CONTINUES_AS_NORMAL PROCEEDING", DONE),
                day("9 black rainstorm, then No. 8", List.of(w("WRAINB", "15:00", "17:00"),
                        w("TC8NE", "15:30", "21:00")), terminated, D_GO, S_GO, "15:00 CONTINUES_AS_NORMAL PROCEEDING",
                        "15:30 TERMINATION TERMINATED", "15:45 PRIMARY_REMINDER TERMINATED"),
                day("10 black rainstorm within the termination's 15 minutes", List.of(w("TC8NE", "15:00", "21:00"),
                        w("WRAINB", "15:10", "17:00")), terminated, D_GO, S_GO, "15:00 TERMINATION TERMINATED",
                        "15:15 PRIMARY_REMINDER TERMINATED"),
                day("11 black rainstorm in the gap between the parts", List.of(w("WRAINB", "16:30", "17:30")), go,
                        D_GO, S_GO, "16:30 CONTINUES_AS_NORMAL PROCEEDING", DONE),
                day("12 No. 8 in the gap between the parts", List.of(w("TC8NW", "17:00", "23:00")), terminated,
                        D_GO, S_GO, "17:00 TERMINATION TERMINATED", "17:15 PRIMARY_REMINDER TERMINATED"),
                day("13 No. 8 after the session", List.of(w("TC8NE", "19:30", null)), go, D_GO, S_GO, DONE),
                day("14 No. 3 all day changes nothing", List.of(w("TC3", "06:00", null)), go, D_GO, S_GO, DONE),
                day("15 amber and red rainstorms change nothing", List.of(w("WRAINA", "08:00", "10:00"),
                        w("WRAINR", "13:00", "15:00")), go, D_GO, S_GO, DONE),
                day("16 No. 8 raised and lowered within minutes before 09:00", List.of(w("TC8NE", "08:50", "08:55")),
                        go, D_GO, S_GO, DONE),
                day("17 No. 8 raised and lowered within minutes after 09:00", List.of(w("TC8NE", "09:10", "09:20")),
                        cancelled, D_GO, "09:10 CANCELLATION CANCELLED", "12:00 STATUS_BEFORE_START CANCELLED"),
                day("18 No. 8 raised just before the start, lowered after it", List.of(w("TC8SW", "13:55", "14:05")),
                        cancelled, D_GO, S_GO, "13:55 CANCELLATION CANCELLED"),
                day("19 overlapping No. 8 and No. 9 from the night", List.of(w("TC8NE", "05:00", "10:00"),
                        w("TC9", "09:30", "11:00")), cancelled, "09:00 DECISION_0900 CANCELLED",
                        "12:00 STATUS_BEFORE_START CANCELLED"),
                day("20 two black rainstorms in the session", List.of(w("WRAINB", "14:10", "14:40"),
                        w("WRAINB", "15:20", "16:00")), go, D_GO, S_GO, "14:10 CONTINUES_AS_NORMAL PROCEEDING",
                        "15:20 CONTINUES_AS_NORMAL PROCEEDING", DONE),
                day("21 No. 8 changes direction during part 1", List.of(w("TC8NE", "14:20", "14:25"),
                        w("TC8SE", "14:25", "20:00")), terminated, D_GO, S_GO, "14:20 TERMINATION TERMINATED",
                        "14:35 PRIMARY_REMINDER TERMINATED"),
                outage("22 feed down across 09:00, No. 8 lowered unseen, HKO's time entered at 09:45", "08:40",
                        "09:30", List.of(new Issued("TC8NE", "05:00", "08:50", "09:45")), go,
                        "09:00 DECISION_0900 CANCELLED provisional", "09:45 CORRECTION PROCEEDING", S_GO, DONE),
                outage("23 feed down across 09:00, the cancellation still listed when it returns", "08:40", "09:10",
                        List.of(w("TC8NE", "05:00", "08:50")), go, "09:00 DECISION_0900 CANCELLED provisional",
                        "09:10 CORRECTION PROCEEDING", S_GO, DONE),
                outage("24 feed down across 09:00, No. 8 still in force when it returns", "08:40", "09:10",
                        List.of(w("TC8NE", "05:00", "11:00")), cancelled, "09:00 DECISION_0900 CANCELLED provisional",
                        "12:00 STATUS_BEFORE_START CANCELLED"),
                outage("25 feed down across 09:00, No. 8 issued unseen", "08:30", "09:30",
                        List.of(w("TC8NE", "08:45", "12:00")), cancelled,
                        "09:00 DECISION_0900 PROCEEDING provisional", "09:30 CORRECTION CANCELLED",
                        "12:00 STATUS_BEFORE_START CANCELLED"),
                outage("26 feed down across 09:00, nothing happened", "08:30", "09:30", List.of(), go,
                        "09:00 DECISION_0900 PROCEEDING provisional", S_GO, DONE),
                outage("27 feed down during part 1 while No. 8 is issued", "14:30", "15:30",
                        List.of(w("TC8NE", "14:40", "22:00")), terminated, D_GO, S_GO, "14:40 TERMINATION TERMINATED",
                        "14:55 PRIMARY_REMINDER TERMINATED"),
                day("28 Extreme Conditions entered before the start", List.of(w("EXTREME", "13:00", "18:00")),
                        cancelled, D_GO, S_GO, "13:00 CANCELLATION CANCELLED"),
                day("29 black rainstorm issued at the start", List.of(w("WRAINB", "14:00", "15:00")), go, D_GO, S_GO,
                        "14:00 CONTINUES_AS_NORMAL PROCEEDING", DONE),
                day("30 No. 8 during part 2", List.of(w("TC8NE", "18:20", null)), terminated, D_GO, S_GO,
                        "18:20 TERMINATION TERMINATED", "18:35 PRIMARY_REMINDER TERMINATED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timelines")
    void theDayEndsAsDecidedWithExactlyTheseNoticesNoneContradictingAnEarlierOne(Timeline timeline) {
        Feed feed = new Feed(timeline);
        List<Notice> sent = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Notice lastDecision = null;
        boolean lastDecisionProvisional = false;
        for (Instant now = at("00:00"); now.isBefore(at("23:59")); now = now.plus(Duration.ofMinutes(1))) {
            List<Warning> seen = feed.read(now);
            Instant down = feed.downSince(now);
            List<Notice> due = new ArrayList<>(PracticeRules.toSend(SESSION, seen, now, down));
            due.sort(Comparator.comparing(Notice::at));
            for (Notice notice : due) {
                if (keys.add(notice.kind() + "@" + notice.at())) {
                    sent.add(notice);
                    if (DECISIONS.contains(notice.kind())) {
                        lastDecision = notice;
                        lastDecisionProvisional = notice.provisional();
                    }
                }
            }
            // As the live path: a provisional decision notice is confirmed, or corrected once.
            if (lastDecision != null && lastDecisionProvisional) {
                Decision decision = PracticeRules.decide(SESSION, seen, now, down);
                if (decision.status() != lastDecision.status() || !decision.provisional()) {
                    lastDecisionProvisional = false;
                    Optional<Notice> correction = PracticeRules.correction(SESSION, lastDecision.status(), decision,
                            now);
                    if (correction.isPresent()) {
                        sent.add(correction.get());
                        lastDecision = correction.get();
                        lastDecisionProvisional = correction.get().provisional();
                    }
                }
            }
        }

        assertThat(PracticeRules.decide(SESSION, feed.read(at("23:59")), at("23:59")).status())
                .isEqualTo(timeline.decision());
        assertThat(sent).extracting(PracticeTimelinesTest::describe).containsExactlyElementsOf(timeline.notices());
        assertNoContradiction(sent);
    }

    /** After a certain CANCELLED or TERMINATED, nothing says the session goes on; status changes only by correction. */
    private static void assertNoContradiction(List<Notice> sent) {
        boolean stopped = false;
        for (Notice notice : sent) {
            if (stopped) {
                assertThat(notice.status()).as("after a certain stop: %s", describe(notice))
                        .isIn(PracticeSessionStatus.CANCELLED, PracticeSessionStatus.TERMINATED);
                assertThat(notice.kind()).isNotEqualTo(NoticeKind.CONTINUES_AS_NORMAL);
            }
            boolean stop = notice.status() == PracticeSessionStatus.CANCELLED
                    || notice.status() == PracticeSessionStatus.TERMINATED;
            stopped = stopped || stop && !notice.provisional();
        }
        Map<NoticeKind, Long> counts = new LinkedHashMap<>();
        sent.forEach(n -> counts.merge(n.kind(), 1L, Long::sum));
        counts.forEach((kind, count) -> {
            if (kind != NoticeKind.CONTINUES_AS_NORMAL && kind != NoticeKind.CORRECTION) {
                assertThat(count).as("%s sent once", kind).isEqualTo(1);
            }
        });
    }

    private static String describe(Notice n) {
        return PracticeRules.HKT.format(n.at()).substring(11, 16) + " " + n.kind() + " " + n.status()
                + (n.provisional() ? " provisional" : "");
    }

    private static Instant at(String time) {
        return DAY.atTime(LocalTime.parse(time)).atZone(PracticeRules.HONG_KONG).toInstant();
    }

    /**
     * HKO's warning summary as the notifier reads it each minute, following {@code WeatherService}: a warning is
     * seen from its issue; its end is HKO's own when the CANCEL entry (listed for 30 minutes) is read; a warning that
     * left the feed unseen ended between its last sighting and the reading that missed it, until an operator enters
     * the end. Nothing is read while the feed is down.
     */
    private static final class Feed {

        private final Timeline timeline;
        private final Map<Issued, Warning> seen = new LinkedHashMap<>();
        private final Map<Issued, Instant> lastListed = new LinkedHashMap<>();

        Feed(Timeline timeline) {
            this.timeline = timeline;
        }

        Instant downSince(Instant now) {
            return timeline.outageFrom() != null && !now.isBefore(at(timeline.outageFrom()))
                    && now.isBefore(at(timeline.outageTo())) ? at(timeline.outageFrom()) : null;
        }

        List<Warning> read(Instant now) {
            for (Issued w : timeline.warnings()) {
                Instant issued = at(w.issued());
                Instant ended = w.ended() == null ? null : at(w.ended());
                if (w.operatorEndsAt() != null && !now.isBefore(at(w.operatorEndsAt())) && seen.containsKey(w)) {
                    seen.put(w, new Warning(w.code(), issued, ended));
                }
                if (downSince(now) != null || now.isBefore(issued)) {
                    continue;
                }
                boolean inForce = ended == null || now.isBefore(ended);
                boolean cancelListed = ended != null && !now.isBefore(ended) && now.isBefore(ended.plus(CANCEL_LISTED));
                Warning current = seen.get(w);
                if (inForce) {
                    seen.put(w, new Warning(w.code(), issued, null));
                    lastListed.put(w, now);
                } else if (cancelListed
                        && (current == null || current.endedAt() == null || current.endNotBefore() != null)) {
                    seen.put(w, new Warning(w.code(), issued, ended));
                } else if (current != null && current.endedAt() == null) {
                    seen.put(w, new Warning(w.code(), issued, now, lastListed.get(w)));
                }
            }
            return seen.values().stream().sorted(Comparator.comparing(Warning::issuedAt)).toList();
        }
    }
}
