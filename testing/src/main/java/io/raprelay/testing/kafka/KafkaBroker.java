package io.raprelay.testing.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import io.raprelay.testing.net.LoopbackPorts;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Apache Kafka broker in KRaft combined mode (broker and controller in one), run in this JVM from
 * Kafka's own server classes. Its data lives in a directory that survives {@link #restart()}; its two ports are
 * reserved together (never the same one twice), chosen anew if taken before the first start, and kept across
 * restarts, so clients reconnect to the same address.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final int BIND_ATTEMPTS = 5;

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final boolean fixedPorts;
    private int port;
    private int controllerPort;
    private boolean started;
    private KafkaRaftServer server;
    private KafkaSecurity security;

    private KafkaBroker(Path dataDir, boolean deleteOnClose, boolean fixedPorts, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.fixedPorts = fixedPorts;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** A broker on free loopback ports with its data in a new temporary directory, deleted on {@link #close()}. */
    public static KafkaBroker onFreePorts() {
        try {
            int[] ports = LoopbackPorts.reserve(2);
            return new KafkaBroker(Files.createTempDirectory("rap-relay-kafka-"), true, false, ports[0], ports[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker on a fixed port keeping its data in {@code dataDir} (kept on close), as the local run uses it. */
    public static KafkaBroker at(Path dataDir, int port) {
        return new KafkaBroker(dataDir, false, true, port, port + 1);
    }

    /**
     * Closes the broker as production's, before its first start: TLS, SASL/SCRAM and ACLs ({@link KafkaSecurity});
     * {@link #clientConfig()} is then the admin's.
     */
    public synchronized KafkaBroker withSecurity(KafkaSecurity security) {
        if (started) {
            throw new IllegalStateException("Security is set before the first start");
        }
        this.security = security;
        return this;
    }

    /** Formats the storage on first use, starts the broker and waits until it answers metadata requests. */
    public synchronized KafkaBroker start() {
        if (server != null) {
            return this;
        }
        for (int attempt = 1;; attempt++) {
            try {
                startOnce();
                started = true;
                return this;
            } catch (RuntimeException e) {
                // Free ports can be taken by another process between reservation and bind; before the first start
                // nobody knows them yet, so new ones are as good. A restart keeps its ports: clients know them.
                if (started || fixedPorts || attempt == BIND_ATTEMPTS || !causedByBind(e)) {
                    throw e;
                }
                int[] ports = LoopbackPorts.reserve(2);
                port = ports[0];
                controllerPort = ports[1];
                deleteRecursively(dataDir.resolve("logs"));
            }
        }
    }

    private void startOnce() {
        KafkaConfig config = KafkaConfig.fromProps(serverProperties());
        formatStorageIfNew();
        server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            try {
                server.shutdown();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            server = null;
            throw e;
        }
        awaitReady();
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** Stops the broker cleanly (controlled shutdown, logs flushed); the data stays. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Stops and starts again on the same ports with the same data. */
    public KafkaBroker restart() {
        stop();
        return start();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The {@code bootstrap.servers} value clients use. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Client properties that reach this broker (as its admin, when it is secured). */
    public Map<String, Object> clientConfig() {
        return security == null ? clientConfig(null) : clientConfig(KafkaSecurity.ADMIN);
    }

    /** Client properties that reach this secured broker as one of its users (null: plain, no user). */
    public Map<String, Object> clientConfig(String user) {
        Map<String, Object> config = new java.util.HashMap<>();
        if (user != null) {
            config.putAll(security.clientConfig(user));
        }
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private Properties serverProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        if (security != null) {
            security.addBrokerProperties(props, port, controllerPort);
        }
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.put("num.partitions", "3");
        // One node: every internal topic has a single replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        // A restarted broker re-registers only once its old session expired: keep that short (default 9 s).
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "2000");
        props.put("controlled.shutdown.enable", "true");
        return props;
    }

    private void formatStorageIfNew() {
        Path logs = dataDir.resolve("logs");
        if (Files.exists(logs.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logs);
            Path config = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                serverProperties().store(out, "RAP Relay single-node KRaft broker");
            }
            java.util.List<String> format = new java.util.ArrayList<>(java.util.List.of("format", "--cluster-id",
                    Uuid.randomUuid().toString(), "--config", config.toString(), "--ignore-formatted"));
            if (security != null) {
                format.addAll(security.formatArguments());
            }
            int exit = StorageTool.execute(format.toArray(String[]::new),
                    new PrintStream(OutputStream.nullOutputStream()));
            if (exit != 0) {
                throw new IllegalStateException("Kafka storage format failed with exit code " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> config = new java.util.HashMap<>(clientConfig());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        if (security != null) {
                            security.apply(admin);
                        }
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " not ready", e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
