package io.raprelay.notifier.practice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.raprelay.contracts.PracticeSessionStatus;
import io.raprelay.notifier.practice.PracticeRules.Decision;
import io.raprelay.notifier.practice.PracticeRules.Notice;
import io.raprelay.notifier.practice.PracticeRules.NoticeKind;
import io.raprelay.notifier.weather.Warning;

/** The circular's section 5, rule by rule, on the June 2025 session (part 1 14:00-16:00, part 2 18:00-19:00). */
class PracticeRulesTest {

    private static final PracticeSession JUNE = PracticeSession.june2025();

    private static Instant at(int hour, int minute) {
        return JUNE.at(LocalTime.of(hour, minute));
    }

    private static Warning warning(String code, Instant issued, Instant ended) {
        return new Warning(code, issued, ended);
    }

    @Test
    void promptsComeTenMinutesBeforeEachPartAndBetweenThePartsWhileOfUseAndNotAfterAStop() {
        List<Warning> calm = List.of();
        assertThat(PracticeRules.prompts(JUNE, PracticeRules.decide(JUNE, calm, at(13, 49)), at(13, 49))).isEmpty();
        List<Notice> at1350 = PracticeRules.prompts(JUNE, PracticeRules.decide(JUNE, calm, at(13, 50)), at(13, 50));
        assertThat(at1350).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(NoticeKind.PART_PROMPT);
            assertThat(p.at()).isEqualTo(at(13, 50));
            assertThat(p.text()).contains("starts at 14:00 HKT on the SECONDARY data centre");
        });
        assertThat(PracticeRules.prompts(JUNE, PracticeRules.decide(JUNE, calm, at(14, 0)), at(14, 0)))
                .as("no use once the part has started").isEmpty();
        List<Notice> at1600 = PracticeRules.prompts(JUNE, PracticeRules.decide(JUNE, calm, at(16, 0)), at(16, 0));
        assertThat(at1600).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(NoticeKind.BETWEEN_PARTS);
            assertThat(p.text()).contains("switch back to the PRIMARY data centre's addresses");
        });
        assertThat(kinds(PracticeRules.prompts(JUNE, PracticeRules.decide(JUNE, calm, at(17, 55)), at(17, 55))))
                .containsExactly(NoticeKind.BETWEEN_PARTS, NoticeKind.PART_PROMPT);

        List<Warning> no8 = List.of(warning("TC8NE", at(15, 0), null));
        assertThat(PracticeRules.prompts(JUNE, PracticeRules.decide(JUNE, no8, at(17, 55)), at(17, 55)))
                .as("terminated: no prompt for part 2").isEmpty();
        assertThat(PracticeRules.partsToCheck(JUNE, PracticeRules.decide(JUNE, no8, at(18, 10)), at(18, 10)))
                .isEmpty();
    }

    @Test
    void hkexsAnnouncementOverridesTheRulesAndOnlyLaterWeatherStopsASessionItSaidGoesAhead() {
        // Black rainstorm 08:00-09:30: the rules cancel at 09:00. HKEX announces at 09:05 that the session goes ahead.
        List<Warning> rain = List.of(warning("WRAINB", at(8, 0), at(9, 30)));
        PracticeRules.Announcement goesAhead = new PracticeRules.Announcement(PracticeSessionStatus.PROCEEDING,
                at(9, 5), at(9, 5), "HKEX notice 2025-06-21 09:05", "olga");
        assertThat(PracticeRules.decide(JUNE, rain, at(9, 4), null, goesAhead).status())
                .isEqualTo(PracticeSessionStatus.CANCELLED);
        Decision announced = PracticeRules.decide(JUNE, rain, at(9, 5), null, goesAhead);
        assertThat(announced.status()).isEqualTo(PracticeSessionStatus.PROCEEDING);
        assertThat(announced.rule()).isEqualTo(PracticeRules.ANNOUNCED);
        assertThat(announced.explanation()).contains("HKEX announced", "HKEX notice 2025-06-21 09:05", "olga");
        // From then on: the status notice, the prompts, the checks and the reminder follow HKEX, not the rules.
        assertThat(PracticeRules.toSend(JUNE, rain, at(23, 0), null, goesAhead)).extracting(Notice::kind,
                Notice::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(NoticeKind.DECISION_0900, PracticeSessionStatus.CANCELLED),
                        org.assertj.core.groups.Tuple.tuple(NoticeKind.STATUS_BEFORE_START,
                                PracticeSessionStatus.PROCEEDING),
                        org.assertj.core.groups.Tuple.tuple(NoticeKind.PRIMARY_REMINDER,
                                PracticeSessionStatus.COMPLETED));
        assertThat(PracticeRules.prompts(JUNE, PracticeRules.decide(JUNE, rain, at(13, 50), null, goesAhead),
                at(13, 50))).extracting(Notice::kind).containsExactly(NoticeKind.PART_PROMPT);
        assertThat(PracticeRules.decide(JUNE, rain, at(19, 0), null, goesAhead).status())
                .isEqualTo(PracticeSessionStatus.COMPLETED);

        // A No. 8 signal issued at 15:10, after HKEX's word: the rules terminate the session, as the circular says.
        List<Warning> later8 = List.of(rain.get(0), warning("TC8NE", at(15, 10), null));
        Decision terminated = PracticeRules.decide(JUNE, later8, at(15, 10), null, goesAhead);
        assertThat(terminated.status()).isEqualTo(PracticeSessionStatus.TERMINATED);
        assertThat(terminated.rule()).isEqualTo("RULE_2_TERMINATE");
        assertThat(kinds(PracticeRules.toSend(JUNE, later8, at(15, 25), null, goesAhead))).containsExactly(
                NoticeKind.DECISION_0900, NoticeKind.STATUS_BEFORE_START, NoticeKind.TERMINATION,
                NoticeKind.PRIMARY_REMINDER);

        // HKEX cancels a session the rules let go ahead: final, even against a calm day; no cancellation notice of the
        // rules' own (the announcement notice told the contacts), the status notice repeats HKEX's word, no "continues
        // as normal" under a later black rainstorm, no prompts, no reminder.
        PracticeRules.Announcement cancelled = new PracticeRules.Announcement(PracticeSessionStatus.CANCELLED,
                at(11, 0), at(11, 0), "HKEX notice 2025-06-21 11:00", "olga");
        List<Warning> calm = List.of();
        assertThat(PracticeRules.decide(JUNE, calm, at(19, 0), null, cancelled).status())
                .isEqualTo(PracticeSessionStatus.CANCELLED);
        assertThat(PracticeRules.toSend(JUNE, List.of(warning("WRAINB", at(14, 30), null)), at(23, 0), null,
                cancelled)).extracting(Notice::kind, Notice::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(NoticeKind.DECISION_0900, PracticeSessionStatus.PROCEEDING),
                        org.assertj.core.groups.Tuple.tuple(NoticeKind.STATUS_BEFORE_START,
                                PracticeSessionStatus.CANCELLED));
        assertThat(PracticeRules.prompts(JUNE, PracticeRules.decide(JUNE, calm, at(13, 50), null, cancelled),
                at(13, 50))).isEmpty();
    }

    @Test
    void eachPartIsCheckedFromTenMinutesInUntilItsEnd() {
        List<Warning> calm = List.of();
        assertThat(PracticeRules.partsToCheck(JUNE, PracticeRules.decide(JUNE, calm, at(14, 9)), at(14, 9)))
                .isEmpty();
        assertThat(PracticeRules.partsToCheck(JUNE, PracticeRules.decide(JUNE, calm, at(14, 10)), at(14, 10)))
                .extracting(PracticeSession.Part::start).containsExactly(LocalTime.of(14, 0));
        assertThat(PracticeRules.partsToCheck(JUNE, PracticeRules.decide(JUNE, calm, at(16, 0)), at(16, 0)))
                .isEmpty();
        assertThat(PracticeRules.partsToCheck(JUNE, PracticeRules.decide(JUNE, calm, at(18, 30)), at(18, 30)))
                .extracting(PracticeSession.Part::start).containsExactly(LocalTime.of(18, 0));
    }

    @Test
    void rule1ASignal8InForceAt0900CancelsTheSessionAt0900() {
        List<Warning> timeline = List.of(warning("TC8SE", at(6, 40), null));

        Decision decision = PracticeRules.decide(JUNE, timeline, at(9, 0));
        assertThat(decision.status()).isEqualTo(PracticeSessionStatus.CANCELLED);
        assertThat(decision.decidedAt()).isEqualTo(at(9, 0));
        assertThat(decision.rule()).isEqualTo("RULE_1_CANCEL");
        assertThat(decision.explanation()).contains("Tropical Cyclone Signal 8SE", "2025-06-21 06:40 HKT", "rule 1");
        assertThat(kinds(PracticeRules.notices(JUNE, timeline, at(23, 0))))
                .containsExactly(NoticeKind.DECISION_0900, NoticeKind.STATUS_BEFORE_START);
        assertThat(PracticeRules.notices(JUNE, timeline, at(23, 0)))
                .allSatisfy(n -> assertThat(n.status()).isEqualTo(PracticeSessionStatus.CANCELLED));
    }

    @Test
    void rule1AWarningIssuedAfter0900ButBeforeTheStartCancelsAsSoonAsIssued() {
        List<Warning> timeline = List.of(warning("WRAINB", at(11, 5), at(12, 30)));

        assertThat(PracticeRules.decide(JUNE, timeline, at(10, 0)).status())
                .isEqualTo(PracticeSessionStatus.PROCEEDING);
        Decision decision = PracticeRules.decide(JUNE, timeline, at(11, 5));
        assertThat(decision.status()).isEqualTo(PracticeSessionStatus.CANCELLED);
        assertThat(decision.decidedAt()).isEqualTo(at(11, 5));
        List<Notice> notices = PracticeRules.notices(JUNE, timeline, at(23, 0));
        assertThat(kinds(notices)).containsExactly(NoticeKind.DECISION_0900, NoticeKind.CANCELLATION,
                NoticeKind.STATUS_BEFORE_START);
        assertThat(notices.get(0).status()).isEqualTo(PracticeSessionStatus.PROCEEDING);
        assertThat(notices.get(1).at()).isEqualTo(at(11, 5));
    }

    @Test
    void rule2ASignal8IssuedDuringPart1TerminatesTheSession15MinutesLater() {
        List<Warning> timeline = List.of(warning("TC8NE", at(15, 10), null));

        Decision decision = PracticeRules.decide(JUNE, timeline, at(15, 10));
        assertThat(decision.status()).isEqualTo(PracticeSessionStatus.TERMINATED);
        assertThat(decision.effectiveAt()).isEqualTo(at(15, 25));
        assertThat(decision.rule()).isEqualTo("RULE_2_TERMINATE");
        List<Notice> notices = PracticeRules.notices(JUNE, timeline, at(23, 0));
        assertThat(kinds(notices)).containsExactly(NoticeKind.DECISION_0900, NoticeKind.STATUS_BEFORE_START,
                NoticeKind.TERMINATION, NoticeKind.PRIMARY_REMINDER);
        assertThat(notices.get(3).at()).isEqualTo(at(15, 25));
    }

    @Test
    void rule2ExtremeConditionsBetweenThePartsAlsoTerminateAndSignals9And10CountAs8() {
        assertThat(PracticeRules.decide(JUNE, List.of(warning("EXTREME", at(17, 0), null)), at(17, 0))
                .effectiveAt()).isEqualTo(at(17, 15));
        assertThat(PracticeRules.decide(JUNE, List.of(warning("TC10", at(14, 0), null)), at(14, 1)).status())
                .isEqualTo(PracticeSessionStatus.TERMINATED);
        assertThat(PracticeRules.decide(JUNE, List.of(warning("TC9", at(10, 0), null)), at(10, 1)).status())
                .isEqualTo(PracticeSessionStatus.CANCELLED);
    }

    @Test
    void rule3ABlackRainstormDuringTheSessionChangesNothingButIsAnnounced() {
        List<Warning> timeline = List.of(warning("WRAINB", at(14, 30), at(16, 30)));

        assertThat(PracticeRules.decide(JUNE, timeline, at(15, 0)).status())
                .isEqualTo(PracticeSessionStatus.PROCEEDING);
        assertThat(PracticeRules.decide(JUNE, timeline, at(19, 0)).status())
                .isEqualTo(PracticeSessionStatus.COMPLETED);
        assertThat(kinds(PracticeRules.notices(JUNE, timeline, at(23, 0)))).containsExactly(
                NoticeKind.DECISION_0900, NoticeKind.STATUS_BEFORE_START, NoticeKind.CONTINUES_AS_NORMAL,
                NoticeKind.PRIMARY_REMINDER);
    }

    @Test
    void aBlackRainstormAfterATerminationSendsNoContinuesAsNormal() {
        // No. 8 at 14:20 terminates at 14:35; the Black Rainstorm at 14:25 must not tell contacts the day goes on.
        List<Warning> timeline = List.of(warning("TC8NE", at(14, 20), null), warning("WRAINB", at(14, 25), null));

        List<Notice> notices = PracticeRules.notices(JUNE, timeline, at(23, 0));
        assertThat(kinds(notices)).containsExactly(NoticeKind.DECISION_0900, NoticeKind.STATUS_BEFORE_START,
                NoticeKind.TERMINATION, NoticeKind.PRIMARY_REMINDER);
        assertThat(kinds(PracticeRules.notices(JUNE, timeline, at(14, 30)))).doesNotContain(
                NoticeKind.CONTINUES_AS_NORMAL);
    }

    @Test
    void signalsThatAreNotTriggersChangeNothing() {
        List<Warning> timeline = List.of(warning("TC3", at(0, 0), null), warning("WRAINR", at(9, 30), at(11, 0)),
                warning("WRAINA", at(14, 10), null), warning("WTS", at(15, 0), null), warning("TC1", at(18, 5), null),
                warning("WTCPRE8", at(18, 30), null));

        assertThat(PracticeRules.decide(JUNE, timeline, at(18, 59)).status())
                .isEqualTo(PracticeSessionStatus.PROCEEDING);
        assertThat(kinds(PracticeRules.notices(JUNE, timeline, at(23, 0)))).containsExactly(
                NoticeKind.DECISION_0900, NoticeKind.STATUS_BEFORE_START, NoticeKind.PRIMARY_REMINDER);
    }

    @Test
    void aSignal8LoweredBefore0900DoesNotCancel() {
        List<Warning> timeline = List.of(warning("TC8NW", at(2, 0), at(8, 40)));

        assertThat(PracticeRules.decide(JUNE, timeline, at(9, 0)).status())
                .isEqualTo(PracticeSessionStatus.PROCEEDING);
    }

    @Test
    void aCancellationNeverRevertsThatDay() {
        List<Warning> timeline = List.of(warning("TC8SW", at(10, 0), at(11, 0)));

        for (Instant later : List.of(at(11, 30), at(14, 30), at(20, 0))) {
            assertThat(PracticeRules.decide(JUNE, timeline, later).status())
                    .isEqualTo(PracticeSessionStatus.CANCELLED);
        }
    }

    @Test
    void beforeNineNothingIsDecidedOrSent() {
        List<Warning> timeline = List.of(warning("TC8SE", at(6, 40), null));

        assertThat(PracticeRules.decide(JUNE, timeline, at(8, 59)).status())
                .isEqualTo(PracticeSessionStatus.SCHEDULED);
        assertThat(PracticeRules.notices(JUNE, timeline, at(8, 59))).isEmpty();
    }

    private static List<NoticeKind> kinds(List<Notice> notices) {
        return notices.stream().map(Notice::kind).toList();
    }
}
