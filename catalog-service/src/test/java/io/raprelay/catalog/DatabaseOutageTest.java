package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.catalog.support.CatalogSetup;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.postgres.PostgresServer;

/**
 * The catalog's database refuses connections while reports arrive: nothing is indexed, no offset is committed past
 * them, nothing goes to the dead-letter topic; once the database is back every report is indexed once.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
class DatabaseOutageTest {

    /** The management interface (its own port), ending in {@code /q/}. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectKafka
    String bootstrapServers;

    private final PostgresServer postgres = PostgresServer.fromEnvironment();
    private final String database = System.getProperty("raprelay.test.postgres.database");

    @Test
    void reportsWaitInKafkaWhileTheDatabaseIsDownAndAreIndexedOnceAfter() throws Exception {
        List<ReportArrived> reports = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reports.add(arrival("INBOX/20250623/CCLTN05_B01234_20250623_%02d.txt".formatted(i)));
        }
        setConnectionsAllowed(false);
        List<RecordMetadata> sent = send(reports);
        try {
            // The consumer has read the batch and keeps retrying it: no offset is committed past the first report.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> committedOffsetsCoverNone(sent));
        } finally {
            setConnectionsAllowed(true);
        }

        await().atMost(WAIT).until(() -> indexed(reports) == reports.size());
        await().atMost(WAIT).until(() -> !committedOffsetsCoverNone(sent));
        assertThat(QuarkusTransaction.requiringNew().call(() -> ReportVersion.count("reportKey like ?1",
                "HKSCC/rapb01234/INBOX/20250623/%"))).isEqualTo(reports.size());
    }

    @Test
    void reportsWaitWhileTheDatabaseRefusesWritesAndNothingIsDeadLettered() throws Exception {
        List<ReportArrived> reports = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reports.add(arrival("INBOX/20250624/CCLTN05_B01234_20250624_%02d.txt".formatted(i)));
        }
        long deadLettersBefore = deadLetterCount();
        setReadOnly(true);
        try {
            List<RecordMetadata> sent = send(reports);
            // PostgreSQL is up and answers queries, but refuses every write (25006): ingest pauses, readiness says
            // why, nothing is committed and nothing is dead-lettered.
            await().atMost(WAIT).untilAsserted(() -> given().get(management + "health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'catalog-writes' }.status", equalTo("DOWN")));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> committedOffsetsCoverNone(sent) && deadLetterCount() == deadLettersBefore);
        } finally {
            setReadOnly(false);
        }

        // The catalog's pooled sessions (and this test's) were cut by the promotion: the first query may fail.
        await().atMost(WAIT).ignoreExceptions().until(() -> indexed(reports) == reports.size());
        await().atMost(WAIT).untilAsserted(() -> given().get(management + "health/ready").then().statusCode(200));
        assertThat(deadLetterCount()).isEqualTo(deadLettersBefore);
    }

    private List<RecordMetadata> send(List<ReportArrived> reports) throws Exception {
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            EventCodec codec = new EventCodec();
            for (ReportArrived report : reports) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.REPORTS, report.kafkaKey(),
                        codec.write(report));
                record.headers().add(new RecordHeader("ce_type",
                        report.type().cloudEventType().getBytes(StandardCharsets.UTF_8)));
                sent.add(producer.send(record).get());
            }
        }
        return sent;
    }

    /** Records in the catalog's dead-letter topic for {@code rap.reports} (0 while it does not exist). */
    private long deadLetterCount() throws Exception {
        String topic = Topics.deadLetter(Topics.REPORTS, "catalog");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(ends).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    /**
     * Makes the catalog's database read-only, as after a fail-over to a standby, or writable again, as after its
     * promotion: new sessions take the setting, so the catalog's sessions are cut as a fail-over cuts them.
     */
    private void setReadOnly(boolean readOnly) throws SQLException {
        try (Connection admin = postgres.connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("alter database \"" + database + "\" " + (readOnly
                    ? "set default_transaction_read_only = on"
                    : "reset default_transaction_read_only"));
            sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                    + "' and pid <> pg_backend_pid()");
        }
    }

    private long indexed(List<ReportArrived> reports) {
        return QuarkusTransaction.requiringNew().call(() -> ReportVersion.count("reportId in ?1",
                reports.stream().map(ReportArrived::reportId).toList()));
    }

    /** True while the catalog's committed offset is at or before the first record sent, on every partition. */
    private boolean committedOffsetsCoverNone(List<RecordMetadata> sent) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets("rap-relay-catalog").partitionsToOffsetAndMetadata().get();
            for (RecordMetadata first : firstPerPartition(sent)) {
                OffsetAndMetadata offset = committed.get(new TopicPartition(first.topic(), first.partition()));
                if (offset != null && offset.offset() > first.offset()) {
                    return false;
                }
            }
            return true;
        }
    }

    private static List<RecordMetadata> firstPerPartition(List<RecordMetadata> sent) {
        Map<Integer, RecordMetadata> first = new java.util.TreeMap<>();
        sent.forEach(m -> first.merge(m.partition(), m, (a, b) -> a.offset() <= b.offset() ? a : b));
        return List.copyOf(first.values());
    }

    /** Refuses (and cuts) or allows connections to the catalog's test database, as an outage would. */
    private void setConnectionsAllowed(boolean allowed) throws SQLException {
        try (Connection admin = postgres.connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("alter database \"" + database + "\" allow_connections " + allowed);
            if (!allowed) {
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                        + "' and pid <> pg_backend_pid()");
            }
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static ReportArrived arrival(String remotePath) {
        String key = "HKSCC/rapb01234/" + remotePath;
        String reportId = "r-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        String fileName = remotePath.substring(remotePath.lastIndexOf('/') + 1);
        return new ReportArrived(UUID.nameUUIDFromBytes(reportId.getBytes(StandardCharsets.UTF_8)).toString(),
                reportId, key, ClearingHouse.HKSCC, SourceSystem.CCASS, "CCLTN05", "B01234", LocalDate.of(2025, 6, 23),
                fileName, remotePath, 10, "f".repeat(64), Instant.parse("2025-06-23T10:00:00Z"),
                Instant.parse("2025-06-23T10:00:05Z"), Installation.HKSCC, "rapb01234", DataCentre.PRIMARY,
                "10.243.2.141:18801", "file:///archive/" + fileName, "text/plain", false);
    }
}
