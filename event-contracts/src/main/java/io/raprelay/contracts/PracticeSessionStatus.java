package io.raprelay.contracts;

/** Where a practice session (drill) stands under the circular's severe-weather rules. */
public enum PracticeSessionStatus {
    /** Configured, no decision taken yet. */
    SCHEDULED,
    /** Goes ahead as planned (also: continues as normal under a black rainstorm warning during the session). */
    PROCEEDING,
    /** Rule 1: a No. 8 or above signal, Extreme Conditions or black rainstorm in force at or after 09:00. */
    CANCELLED,
    /** Rule 2: a No. 8 or above signal or Extreme Conditions issued after the start; ends 15 minutes later. */
    TERMINATED,
    /** All parts have ended. */
    COMPLETED
}
