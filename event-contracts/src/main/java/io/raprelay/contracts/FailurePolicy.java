package io.raprelay.contracts;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The one failure policy of every consumer (DESIGN.md, docs/architecture.md). A failure is either <em>poison</em> (the
 * record can never succeed: malformed, schema-invalid, breaks a limit) or <em>transient</em> (the store is down,
 * read-only or full, a lock timed out, the broker is away). A poison record is tried {@link #POISON_ATTEMPTS} times,
 * then handed back for the dead-letter topic; a transient failure is retried with doubling backoff for as long as it
 * lasts, and the listener is told when the consumer pauses (and again when the cause changes) and when it resumes, so
 * that readiness can say why. Nothing transient is ever dead-lettered or acknowledged.
 */
public final class FailurePolicy {

    /** How often a record that fails as poison is tried before it is dead-lettered. */
    public static final int POISON_ATTEMPTS = 3;

    /** What kind of failure a throwable is. */
    public enum Kind {
        POISON, TRANSIENT
    }

    /** Told when a consumer stops on a transient failure and when it goes on. */
    public interface PauseListener {

        void paused(String reason);

        void resumed();
    }

    /** A unit of work that may fail. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final PauseListener listener;

    public FailurePolicy(Duration firstBackoff, Duration maxBackoff, PauseListener listener) {
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.listener = listener;
    }

    /**
     * Runs {@code work} until it succeeds (empty result) or has failed as poison {@link #POISON_ATTEMPTS} times (the
     * reason of the last failure: dead-letter the record with it). Transient failures wait and retry without bound;
     * only an interrupt (shutdown) ends them.
     */
    public Optional<String> run(String what, Work work) throws InterruptedException {
        Duration backoff = firstBackoff;
        int poisonAttempts = 0;
        String pausedFor = null;
        try {
            while (true) {
                try {
                    work.run();
                    return Optional.empty();
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    String reason = reason(e);
                    if (classify(e) == Kind.POISON) {
                        if (++poisonAttempts >= POISON_ATTEMPTS) {
                            return Optional.of(reason);
                        }
                    } else {
                        poisonAttempts = 0;
                        if (!reason.equals(pausedFor)) { // told again only when the cause changes
                            pausedFor = reason;
                            listener.paused(what + ": " + reason);
                        }
                    }
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                }
            }
        } finally {
            if (pausedFor != null) {
                listener.resumed();
            }
        }
    }

    /**
     * Poison: an {@link InvalidEventException}, a data exception (SQL state class 22: value too long, out of range,
     * bad encoding), an integrity violation (class 23), a program limit (class 54: an index row too large), or any
     * other failure no store or network took part in.
     * Transient: any other SQL state (read-only 25006, no privilege 42501, disk full 53100, connection 08, shutdown 57,
     * deadlock 40, lock timeout 55P03), a SQL failure without state (pool timeout), an I/O failure and a retriable
     * Kafka failure.
     */
    public static Kind classify(Throwable failure) {
        boolean transientCause = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidEventException) {
                return Kind.POISON;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"))) {
                    return Kind.POISON;
                }
                transientCause = true;
            }
            if (t instanceof IOException || t instanceof RetriableException
                    || t instanceof java.util.concurrent.TimeoutException) {
                transientCause = true;
            }
        }
        return transientCause ? Kind.TRANSIENT : Kind.POISON;
    }

    /** The innermost cause's class and message, for logs and dead-letter reasons. */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof InvalidEventException invalid
                ? String.join("; ", invalid.problems())
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 2000 ? message.substring(0, 1999) + "…" : message;
    }
}
