package io.raprelay.testing.kafka;

import java.nio.file.Path;

/**
 * Runs the single-node KRaft broker as its own process, for the local run and end-to-end tests:
 * {@code KafkaBrokerMain [port] [dataDir] [kafkaUsers kafkaTopics]} (defaults 9092 and {@code work/kafka}). With the
 * two Strimzi manifests (deploy/k8s/kafka-users.yaml, kafka-topics.yaml) it runs closed as production's: TLS with a
 * CA of its own ({@code dataDir/tls/ca.pem}, what clients trust), SASL/SCRAM, those users with those ACLs (each
 * user's password {@code local-only-<user>}, the super user {@code admin}'s {@code local-only-admin}), and every topic
 * of the manifest created (one replica). Stops cleanly on SIGTERM or Ctrl-C.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        Path dataDir = Path.of(args.length > 1 ? args[1] : "work/kafka").toAbsolutePath();
        long started = System.nanoTime();
        KafkaBroker broker = KafkaBroker.at(dataDir, port);
        if (args.length > 3) {
            broker.withSecurity(
                    KafkaSecurity.of(Path.of(args[2]), dataDir.resolve("tls"), user -> "local-only-" + user));
        }
        broker.start();
        if (args.length > 3) {
            KafkaTopics.create(broker.clientConfig(), Path.of(args[3]));
        }
        System.out.printf("Kafka broker ready on %s%s in %d ms (data in %s)%n", broker.bootstrapServers(),
                args.length > 3 ? " (SASL_SSL, ACLs)" : "", (System.nanoTime() - started) / 1_000_000, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-shutdown"));
    }
}
