package io.raprelay.testing.kafka;

import java.nio.file.Path;

/**
 * Runs the single-node KRaft broker as its own process, for the local run and end-to-end tests:
 * {@code KafkaBrokerMain [port] [dataDir]} (defaults 9092 and {@code work/kafka}). Stops cleanly on SIGTERM or Ctrl-C.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        Path dataDir = Path.of(args.length > 1 ? args[1] : "work/kafka").toAbsolutePath();
        long started = System.nanoTime();
        KafkaBroker broker = KafkaBroker.at(dataDir, port).start();
        System.out.printf("Kafka broker ready on %s in %d ms (data in %s)%n", broker.bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-shutdown"));
    }
}
