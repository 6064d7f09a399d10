package io.raprelay.fetcher.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import io.raprelay.simulator.RapSimulator;
import io.raprelay.simulator.host.SftpOperation;

/** Asserts from the simulator's operation log that the fetcher only ever read from RAP. */
public final class ReadOnlyCheck {

    /** Listing, stat'ing, opening, reading and closing: nothing else is allowed. */
    public static final Set<String> READ_REQUESTS = Set.of("INIT", "REALPATH", "OPENDIR", "READDIR", "CLOSE", "STAT",
            "LSTAT", "FSTAT", "OPEN", "READ");

    private ReadOnlyCheck() {
    }

    public static void assertOnlyReads(RapSimulator simulator) {
        for (var account : simulator.config().accounts()) {
            assertThat(simulator.operations().requestsBy(account.user()))
                    .as("SFTP requests of " + account.user())
                    .allMatch(READ_REQUESTS::contains);
        }
        assertThat(simulator.operations().all()).filteredOn(SftpOperation::refused)
                .filteredOn(o -> !o.operation().equals("AUTH"))
                .as("refused operations")
                .isEmpty();
    }
}
