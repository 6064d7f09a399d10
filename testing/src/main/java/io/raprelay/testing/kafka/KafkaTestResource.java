package io.raprelay.testing.kafka;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource that wires {@code kafka.bootstrap.servers} to a real broker. The broker is started once per
 * test JVM and shared by every test class (starting one takes seconds); it stops when the JVM exits.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * Set once the JVM's broker runs. Quarkus may load this class again in another class loader (one per test
     * profile), so the address is shared through a system property rather than a static field alone.
     */
    static final String BOOTSTRAP_PROPERTY = "raprelay.test.kafka.bootstrap";

    private static KafkaBroker broker;
    private String bootstrapServers;

    @Override
    public Map<String, String> start() {
        bootstrapServers = sharedBroker();
        return Map.of("kafka.bootstrap.servers", bootstrapServers);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(bootstrapServers,
                new TestInjector.AnnotatedAndMatchesType(InjectKafka.class, String.class));
    }

    @Override
    public void stop() {
        // Kept for the next test class; stopped by the shutdown hook.
    }

    private static synchronized String sharedBroker() {
        String running = System.getProperty(BOOTSTRAP_PROPERTY);
        if (running != null) {
            return running;
        }
        broker = KafkaBroker.onFreePorts().start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-test-broker-shutdown"));
        System.setProperty(BOOTSTRAP_PROPERTY, broker.bootstrapServers());
        return broker.bootstrapServers();
    }
}
