package io.raprelay.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailurePolicyTest {

    private final List<String> told = new ArrayList<>();
    private final FailurePolicy policy = new FailurePolicy(Duration.ofMillis(1), Duration.ofMillis(4),
            new FailurePolicy.PauseListener() {
                @Override
                public void paused(String reason) {
                    told.add("paused " + reason);
                }

                @Override
                public void resumed() {
                    told.add("resumed");
                }
            });

    @ParameterizedTest
    @CsvSource({
            "22001, POISON", // value too long for a column
            "22021, POISON", // a NUL character PostgreSQL cannot store
            "23502, POISON", // not-null violation
            "54000, POISON", // index row too large
            "25006, TRANSIENT", // read-only transaction: fail-over to a standby
            "42501, TRANSIENT", // privilege revoked
            "53100, TRANSIENT", // disk full
            "08006, TRANSIENT", // connection lost
            "57P01, TRANSIENT", // administrator shut the server down
            "40P01, TRANSIENT", // deadlock
            "55P03, TRANSIENT" // lock not available
    })
    void sqlStatesAreClassifiedByWhetherRetryingCanHelp(String state, FailurePolicy.Kind kind) {
        RuntimeException wrapped = new RuntimeException("transaction failed", new SQLException("refused", state));
        assertThat(FailurePolicy.classify(wrapped)).isEqualTo(kind);
    }

    @Test
    void invalidEventsAndFailuresWithoutStoreOrNetworkArePoisonAndIoIsTransient() {
        assertThat(FailurePolicy.classify(new InvalidEventException("x", List.of("$.a: bad"))))
                .isEqualTo(FailurePolicy.Kind.POISON);
        assertThat(FailurePolicy.classify(new IllegalStateException("no such house")))
                .isEqualTo(FailurePolicy.Kind.POISON);
        assertThat(FailurePolicy.classify(new RuntimeException(new IOException("No space left on device"))))
                .isEqualTo(FailurePolicy.Kind.TRANSIENT);
        assertThat(FailurePolicy.classify(new SQLException("Acquisition timeout while waiting for new connection")))
                .isEqualTo(FailurePolicy.Kind.TRANSIENT);
    }

    @Test
    void poisonIsTriedABoundedNumberOfTimesThenHandedBackWithItsReason() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Optional<String> result = policy.run("record", () -> {
            attempts.incrementAndGet();
            throw new SQLException("value too long for type character varying(500)", "22001");
        });
        assertThat(attempts).hasValue(FailurePolicy.POISON_ATTEMPTS);
        assertThat(result).hasValueSatisfying(r -> assertThat(r).contains("value too long"));
        assertThat(told).isEmpty();
    }

    @Test
    void transientFailuresPauseAndRetryUntilTheStoreTakesTheRecord() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Optional<String> result = policy.run("record", () -> {
            int attempt = attempts.incrementAndGet();
            if (attempt <= 5) {
                throw new SQLException("cannot execute INSERT in a read-only transaction", "25006");
            }
            if (attempt <= 10) {
                throw new SQLException("could not extend file: No space left on device", "53100");
            }
        });
        assertThat(result).isEmpty();
        assertThat(attempts).hasValue(11);
        assertThat(told).containsExactly(
                "paused record: SQLException: cannot execute INSERT in a read-only transaction",
                "paused record: SQLException: could not extend file: No space left on device", "resumed");
    }
}
