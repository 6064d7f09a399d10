package io.raprelay.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker closed as production's, with the users and ACLs of deploy/k8s/kafka-users.yaml: a client without
 * credentials, with a wrong password, or over plain TCP gets nothing; a service writes only where its ACLs say, so the
 * catalog's principal cannot forge a report; the fetcher's publishes and the catalog reads in its own group.
 */
class SecuredKafkaBrokerTest {

    private static final Path USERS = Path.of("../deploy/k8s/kafka-users.yaml");
    private static KafkaBroker broker;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        Path tls = Files.createTempDirectory("rap-relay-kafka-tls-");
        KafkaSecurity security = KafkaSecurity.of(USERS, tls, user -> "test-" + user + "-password");
        broker = KafkaBroker.onFreePorts().withSecurity(security).start();
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic("rap.reports", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void theUsersAndAclsAreThoseOfTheKafkaUserManifests() {
        KafkaSecurity security = KafkaSecurity.of(USERS, broker.dataDir().resolve("tls-check"), user -> "x");
        assertThat(security.users()).containsExactly("admin", "rap-relay-fetcher", "rap-relay-catalog",
                "rap-relay-notifier", "rap-relay-downstream");
        assertThat(security.acls()).filteredOn(a -> a.entry().principal().equals("User:rap-relay-downstream"))
                .as("a downstream system reads, never writes").isNotEmpty()
                .allSatisfy(a -> assertThat(a.entry().operation().name()).isIn("READ", "DESCRIBE"));
        assertThat(security.acls()).filteredOn(a -> a.entry().principal().equals("User:rap-relay-catalog")
                && a.pattern().name().equals("rap.reports")).extracting(a -> a.entry().operation().name())
                .containsExactlyInAnyOrder("READ", "DESCRIBE");
    }

    @Test
    void noCredentialsWrongPasswordOrPlainTcpGetNothing() {
        Map<String, Object> tlsOnly = new HashMap<>(broker.clientConfig("rap-relay-fetcher"));
        tlsOnly.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        tlsOnly.remove("sasl.jaas.config");
        tlsOnly.remove("sasl.mechanism");
        assertThat(failure(() -> send(tlsOnly, "rap.reports"))).isInstanceOf(TimeoutException.class);

        Map<String, Object> plain = new HashMap<>(broker.clientConfig(null));
        assertThat(failure(() -> send(plain, "rap.reports"))).isInstanceOf(TimeoutException.class);

        Map<String, Object> wrongPassword = new HashMap<>(broker.clientConfig("rap-relay-fetcher"));
        wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"rap-relay-fetcher\" password=\"guessed\";");
        assertThat(failure(() -> send(wrongPassword, "rap.reports"))).isInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void theCatalogCannotForgeAReportButTheFetcherPublishesAndTheCatalogReads() throws Exception {
        assertThat(failure(() -> send(broker.clientConfig("rap-relay-catalog"), "rap.reports")))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(failure(() -> send(broker.clientConfig("rap-relay-notifier"), "rap.reports")))
                .isInstanceOf(TopicAuthorizationException.class);

        send(broker.clientConfig("rap-relay-fetcher"), "rap.reports");

        Map<String, Object> consumer = new HashMap<>(broker.clientConfig("rap-relay-catalog"));
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "rap-relay-catalog");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        assertThat(firstRecords(consumer)).extracting(ConsumerRecord::value).contains("CCLTN05 of the day");

        // a downstream system reads it too, in a group of its prefix, and cannot write
        Map<String, Object> downstream = new HashMap<>(broker.clientConfig("rap-relay-downstream"));
        downstream.put(ConsumerConfig.GROUP_ID_CONFIG, "rap-relay-downstream-eod-job");
        downstream.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        assertThat(firstRecords(downstream)).extracting(ConsumerRecord::value).contains("CCLTN05 of the day");
        // Asked with a producer that is not idempotent, so that the topic's Write ACL answers: an idempotent one is
        // refused at the cluster already (IdempotentWrite), which fails the producer before or during the send.
        Map<String, Object> downstreamProducer = new HashMap<>(broker.clientConfig("rap-relay-downstream"));
        downstreamProducer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        assertThat(failure(() -> send(downstreamProducer, "rap.reports"))).as("no write to rap.reports")
                .isInstanceOf(TopicAuthorizationException.class);

        Map<String, Object> otherGroup = new HashMap<>(consumer);
        otherGroup.put(ConsumerConfig.GROUP_ID_CONFIG, "someone-elses-group");
        try (KafkaConsumer<String, String> intruder = new KafkaConsumer<>(otherGroup, new StringDeserializer(),
                new StringDeserializer())) {
            intruder.subscribe(List.of("rap.reports"));
            assertThatThrownBy(() -> intruder.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(org.apache.kafka.common.errors.GroupAuthorizationException.class);
        }
    }

    /** The first records a consumer of {@code rap.reports} with this config gets, waiting up to 30 s for them. */
    private static List<ConsumerRecord<String, String>> firstRecords(Map<String, Object> config) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("rap.reports"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
        }
        return seen;
    }

    /** What a producer's send failed with, unwrapped from the future's ExecutionException. */
    private static Throwable failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable send) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(send);
        assertThat(thrown).as("refused").isNotNull();
        return thrown instanceof java.util.concurrent.ExecutionException ? thrown.getCause() : thrown;
    }

    private static void send(Map<String, Object> client, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 8000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "HKSCC/rapb01234/INBOX/x.txt", "CCLTN05 of the day")).get();
        }
    }
}
