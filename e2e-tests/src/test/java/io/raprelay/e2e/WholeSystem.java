package io.raprelay.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.raprelay.contracts.Topics;
import io.raprelay.testing.postgres.PostgresServer;

/**
 * Starts the whole system once for every end-to-end class of the run ({@code deploy/local/run.sh}, with the archive
 * on a small file system of its own so that it can be filled), and stops it as Ctrl-C does after the last class.
 */
final class WholeSystem implements BeforeAllCallback {

    static final PostgresServer POSTGRES = PostgresServer.fromEnvironment();

    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Running.class,
                key -> start(), Running.class);
    }

    static LocalSystem system() {
        return running.system;
    }

    static EventCollector downstream() {
        return running.downstream;
    }

    /** Every span the three services exported. */
    static OtlpReceiver traces() {
        return running.traces;
    }

    static String catalogDb() {
        return running.catalogDb;
    }

    static String notifierDb() {
        return running.notifierDb;
    }

    /** The fetcher's archive root, a tmpfs mounted for the run. */
    static Path archive() {
        return running.system.work.resolve("fetcher/archive");
    }

    private static Running start() {
        try {
            running = new Running();
            return running;
        } catch (IOException e) {
            throw new IllegalStateException("The whole system did not start", e);
        }
    }

    private static final class Running implements AutoCloseable {

        final String catalogDb = POSTGRES.createDatabase("e2e_catalog");
        final String notifierDb = POSTGRES.createDatabase("e2e_notifier");
        final LocalSystem system = new LocalSystem(catalogDb, notifierDb);
        final EventCollector downstream;
        final OtlpReceiver traces = new OtlpReceiver(system.port("TRACES_PORT"));

        Running() throws IOException {
            system.start(ArchiveMount::mount);
            system.startupReport().forEach(line -> System.out.println("[e2e start-up] " + line.trim()));
            // As a downstream system reads: its own principal (deploy/k8s/kafka-users.yaml), read-only, its group
            // prefix.
            downstream = new EventCollector(system.kafka("rap-relay-downstream"),
                    List.of(Topics.REPORTS, Topics.BUSINESS_DAYS));
        }

        @Override
        public void close() throws Exception {
            downstream.close();
            try {
                if (!system.stop()) {
                    throw new AssertionError("Ctrl-C (TERM) did not stop every part run.sh started");
                }
            } finally {
                traces.close(); // after the services, which export their last spans as they stop
                ArchiveMount.unmount(system.work.resolve("fetcher/archive"));
                POSTGRES.dropDatabase(catalogDb);
                POSTGRES.dropDatabase(notifierDb);
            }
        }
    }
}
