package io.raprelay.fetcher.poll;

import java.time.Duration;

/**
 * Times a wait on RAP for the stall watchdog: started when a request goes out (or when a listing begins), stopped when
 * it is answered; the watchdog cuts it, once, when it has lasted longer than the read timeout.
 */
final class StallWatch {

    private static final long NOT_WAITING = 0; // System.nanoTime() may be any value: 0 is mapped to 1

    private final long timeoutNanos;
    private final Runnable cut;
    private volatile long since = NOT_WAITING;
    private volatile boolean wasCut;

    /**
     * @param cut
     *            closes the connection the wait is on, from the watchdog's thread
     */
    StallWatch(Duration timeout, Runnable cut) {
        this.timeoutNanos = timeout.toNanos();
        this.cut = cut;
    }

    /** A wait begins now (or, for a listing, makes progress): the timeout counts from now. */
    void waiting() {
        long now = System.nanoTime();
        since = now == NOT_WAITING ? 1 : now;
    }

    /** Progress on a wait in course; nothing when none is. */
    void progress() {
        if (since != NOT_WAITING) {
            waiting();
        }
    }

    void done() {
        since = NOT_WAITING;
    }

    /** Forgets an earlier cut: a new poll. */
    void reset() {
        since = NOT_WAITING;
        wasCut = false;
    }

    /** Cuts the connection if the wait has lasted longer than the timeout; true if it did (once). */
    boolean cutIfStalled(long now) {
        long start = since;
        if (start == NOT_WAITING || now - start < timeoutNanos || wasCut) {
            return false;
        }
        wasCut = true;
        cut.run();
        return true;
    }

    boolean wasCut() {
        return wasCut;
    }
}
