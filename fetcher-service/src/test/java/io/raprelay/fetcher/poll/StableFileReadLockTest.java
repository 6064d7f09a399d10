package io.raprelay.fetcher.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class StableFileReadLockTest {

    private static final String PATH = "/INBOX/20250620/CCLTN05_B01234_20250620.txt";
    /** 10:00:00.000 on the remote clock, as SFTP lists it: whole seconds. */
    private static final long WRITTEN = Instant.parse("2025-06-20T02:00:00Z").toEpochMilli();

    private final MovableClock clock = new MovableClock(WRITTEN);
    private final StableFileReadLock lock = new StableFileReadLock(Duration.ofSeconds(2), Duration.ofSeconds(5),
            clock);

    @Test
    void aFileWrittenLongAgoIsTakenAtFirstSight() {
        clock.set(WRITTEN + Duration.ofMinutes(10).toMillis());

        assertThat(lock.isStable(PATH, 1234, WRITTEN)).isTrue();
    }

    @Test
    void aFileIsNotTakenBeforeItIsOldEnoughEvenWhenUnchangedAcrossPolls() {
        clock.set(WRITTEN + 1_000);
        assertThat(lock.isStable(PATH, 1234, WRITTEN)).isFalse();

        clock.set(WRITTEN + 4_000);
        assertThat(lock.isStable(PATH, 1234, WRITTEN)).as("stable across polls but only 3 s old").isFalse();

        clock.set(WRITTEN + 6_000);
        assertThat(lock.isStable(PATH, 1234, WRITTEN)).isTrue();
    }

    @Test
    void aPollThatLeavesAFileSaysWhenTheFirstMayBeTaken() {
        lock.pollStarted();
        clock.set(WRITTEN + 10_000);
        assertThat(lock.isStable("/INBOX/20250620/old.txt", 1, WRITTEN)).isTrue();
        assertThat(lock.firstSettlesIn()).as("nothing left").isEmpty();

        // Listed 2.5 s after the end of its second: 5 s old in 2.5 s; a file written a second later, in 3.5 s.
        clock.set(WRITTEN + 3_500);
        assertThat(lock.isStable(PATH, 1234, WRITTEN)).isFalse();
        assertThat(lock.isStable("/INBOX/20250620/newer.txt", 1, WRITTEN + 1_000)).isFalse();
        assertThat(lock.firstSettlesIn()).contains(Duration.ofMillis(2_500));

        lock.pollStarted();
        assertThat(lock.firstSettlesIn()).as("a new poll has left nothing yet").isEmpty();
    }

    @Test
    void wholeSecondTimesCountFromTheEndOfTheirSecond() {
        // Written as late as 10:00:00.999 and listed as 10:00:00: at 10:00:05.5 it is counted 4.5 s old, not 5.5 s.
        clock.set(WRITTEN + 5_500);

        assertThat(lock.isStable(PATH, 1234, WRITTEN)).isFalse();
    }

    @Test
    void aGrowingFileIsNeverTakenWhileItGrows() {
        StableFileReadLock noMinAge = new StableFileReadLock(Duration.ofSeconds(2), Duration.ZERO, clock);
        long size = 0;
        for (int poll = 1; poll <= 20; poll++) {
            clock.set(WRITTEN + poll * 1_000L);
            size += 30_000;
            assertThat(noMinAge.isStable(PATH, size, clock.millis() / 1000 * 1000)).isFalse();
            assertThat(lock.isStable(PATH, size, clock.millis() / 1000 * 1000)).isFalse();
        }
    }

    @Test
    void aFileUnchangedAcrossTwoPollsIsTakenEvenIfTheRemoteClockRunsAhead() {
        StableFileReadLock noMinAge = new StableFileReadLock(Duration.ofSeconds(2), Duration.ZERO, clock);
        long aheadByAMinute = WRITTEN + Duration.ofMinutes(1).toMillis();
        clock.set(WRITTEN);
        assertThat(noMinAge.isStable(PATH, 10, aheadByAMinute)).isFalse();

        clock.set(WRITTEN + 1_000);
        assertThat(noMinAge.isStable(PATH, 10, aheadByAMinute)).as("seen only 1 s ago").isFalse();

        clock.set(WRITTEN + 2_000);
        assertThat(noMinAge.isStable(PATH, 10, aheadByAMinute)).isTrue();
    }

    @Test
    void aChangeResetsTheCheckInterval() {
        StableFileReadLock noMinAge = new StableFileReadLock(Duration.ofSeconds(2), Duration.ZERO, clock);
        long future = WRITTEN + Duration.ofMinutes(1).toMillis();
        clock.set(WRITTEN);
        assertThat(noMinAge.isStable(PATH, 10, future)).isFalse();
        clock.set(WRITTEN + 1_500);
        assertThat(noMinAge.isStable(PATH, 20, future)).isFalse();
        clock.set(WRITTEN + 3_000);
        assertThat(noMinAge.isStable(PATH, 20, future)).as("changed 1.5 s ago").isFalse();
        clock.set(WRITTEN + 3_500);
        assertThat(noMinAge.isStable(PATH, 20, future)).isTrue();
    }

    private static final class MovableClock extends Clock {
        private long millis;

        MovableClock(long millis) {
            this.millis = millis;
        }

        void set(long millis) {
            this.millis = millis;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
