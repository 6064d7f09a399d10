package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.model.FetchEvent;
import io.raprelay.catalog.model.ProcessedEvent;
import io.raprelay.catalog.model.Report;
import io.raprelay.catalog.model.ReportVersion;
import io.raprelay.catalog.support.CatalogSetup;
import io.raprelay.catalog.support.TopicReader;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.DeadLetterReplay;
import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.FailureReason;
import io.raprelay.contracts.HostFailover;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RecordDeadLettered;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;
import io.raprelay.testing.contracts.MaximalEvents;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.TestTokens;

/** The catalog indexes what the fetcher publishes: once per event, versions per report, bad records dead-lettered. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class IngestTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final LocalDate DAY = LocalDate.of(2025, 6, 20);

    @InjectKafka
    String bootstrapServers;

    private final EventCodec codec = new EventCodec();
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void anArrivalIsIndexedWithItsProvenance() throws Exception {
        ReportArrived arrived = arrival("INBOX/20250620/CCLTN05_B01234_20250620.txt", "a".repeat(64));
        var sent = publish(Topics.REPORTS, arrived);

        await().atMost(WAIT).until(() -> versionsOf(arrived.reportKey()).size() == 1);
        ReportVersion version = versionsOf(arrived.reportKey()).get(0);
        assertThat(version.reportId).isEqualTo(arrived.reportId());
        assertThat(version.eventId).isEqualTo(arrived.eventId());
        assertThat(version.sha256).isEqualTo(arrived.sha256());
        assertThat(version.host).isEqualTo("10.243.2.141:18801");
        assertThat(version.dataCentre).isEqualTo(DataCentre.PRIMARY);
        assertThat(version.kafkaTopic).isEqualTo(Topics.REPORTS);
        assertThat(version.kafkaPartition).isEqualTo(sent.partition());
        assertThat(version.kafkaOffset).isEqualTo(sent.offset());
        Report report = QuarkusTransaction.requiringNew().call(() -> Report.findById(arrived.reportKey()));
        assertThat(report.latestVersion).isEqualTo(1);
        assertThat(report.sourceSystem).isEqualTo(SourceSystem.CCASS);
        assertThat(report.businessDate).isEqualTo(DAY);
    }

    @Test
    void theSameEventTwiceIsOneRowAndAReissueIsASecondVersion() throws Exception {
        String path = "INBOX/20250620/CIPSI02_B01234_20250620.txt";
        ReportArrived first = arrival(path, "b".repeat(64));
        publish(Topics.REPORTS, first);
        publish(Topics.REPORTS, first);
        ReportArrived reissue = arrival(path, "c".repeat(64));
        publish(Topics.REPORTS, reissue);

        await().atMost(WAIT).until(() -> versionsOf(first.reportKey()).size() == 2);
        List<ReportVersion> versions = versionsOf(first.reportKey());
        assertThat(versions).extracting(v -> v.version).containsExactly(1, 2);
        assertThat(versions).extracting(v -> v.sha256).containsExactly(first.sha256(), reissue.sha256());
        Report report = QuarkusTransaction.requiringNew().call(() -> Report.findById(first.reportKey()));
        assertThat(report.latestVersion).isEqualTo(2);
    }

    @Test
    void malformedRecordsAreDeadLetteredWithTheReasonAndTheNextEventIsStillIndexed() throws Exception {
        String type = ReportArrived.class.getSimpleName();
        ReportArrived valid = arrival("INBOX/20250620/CSEMA08_B01234_20250620.txt", "d".repeat(64));
        String missingSha = new String(codec.write(valid), StandardCharsets.UTF_8).replace(
                "\"sha256\":\"" + valid.sha256() + "\",", "");
        sendRaw(Topics.REPORTS, "not json at all".getBytes(StandardCharsets.UTF_8), valid.type().cloudEventType());
        sendRaw(Topics.REPORTS, missingSha.getBytes(StandardCharsets.UTF_8), valid.type().cloudEventType());
        sendRaw(Topics.REPORTS, codec.write(valid), "rap.no-such-type.v1");
        ReportArrived next = arrival("INBOX/20250620/CSEMA08_B01234_20250620_NEXT.txt", "e".repeat(64));
        publish(Topics.REPORTS, next);

        await().atMost(WAIT).until(() -> versionsOf(next.reportKey()).size() == 1);
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(Topics.deadLetter(Topics.REPORTS, "catalog"), 3);
        assertThat(dead).extracting(r -> header(r, "dead-letter-reason")).satisfiesExactly(
                reason -> assertThat(reason).isNotBlank(),
                reason -> assertThat(reason).contains("sha256"),
                reason -> assertThat(reason).contains("no-such-type"));
        assertThat(dead).extracting(r -> header(r, "dead-letter-topic")).containsOnly(Topics.REPORTS);
        assertThat(versionsOf(valid.reportKey())).as(type + " that was only ever sent broken").isEmpty();

        // Each dead letter raises one alert for operations, naming the record and the reason.
        List<RecordDeadLettered> alerts = TopicReader.read(bootstrapServers, Topics.DEAD_LETTER_ALERTS,
                events -> events.stream().filter(e -> e instanceof RecordDeadLettered d
                        && d.reason().contains("no-such-type")).count() == 1,
                Duration.ZERO)
                .stream().map(RecordDeadLettered.class::cast).toList();
        assertThat(alerts).filteredOn(a -> a.sourceTopic().equals(Topics.REPORTS))
                .allSatisfy(a -> assertThat(a.service()).isEqualTo("catalog"))
                .extracting(RecordDeadLettered::offset)
                .containsAll(dead.stream().map(r -> Long.valueOf(header(r, "dead-letter-offset"))).toList());
    }

    @Test
    void deadLettersAreReplayedOnceByAnAdmin() throws Exception {
        ReportArrived report = arrival("INBOX/20250620/CCLTN05_B01234_20250620_REPLAY.txt", "c".repeat(64));
        // As dead-lettered by an earlier, faulty version of the catalog: the record is sound, the fix is deployed.
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetter(Topics.REPORTS, "catalog"),
                report.kafkaKey(), codec.write(report));
        dead.headers().add(new RecordHeader("ce_type", report.type().cloudEventType().getBytes(UTF_8)))
                .add(new RecordHeader("dead-letter-reason", "refused by an earlier version".getBytes(UTF_8)))
                .add(new RecordHeader("dead-letter-topic", Topics.REPORTS.getBytes(UTF_8)));
        org.apache.kafka.clients.producer.RecordMetadata deadAt = producer.send(dead).get();
        String replayedFrom = deadAt.topic() + "-" + deadAt.partition() + "@" + deadAt.offset();

        given().auth().oauth2(TestTokens.of("ada", "admin"))
                .when().post("/api/admin/dead-letters/replay").then().statusCode(200)
                .body("replayed.'rap.reports.catalog.dlq'", greaterThanOrEqualTo(1));
        await().atMost(WAIT).until(() -> versionsOf(report.reportKey()).size() == 1);

        // A second replay does not send that dead letter again (others, dead-lettered anew, may go).
        given().auth().oauth2(TestTokens.of("ada", "admin"))
                .when().post("/api/admin/dead-letters/replay").then().statusCode(200);
        assertThat(copiesOnReplayTopic(replayedFrom)).isEqualTo(1);
        assertThat(versionsOf(report.reportKey())).hasSize(1);
    }

    @Test
    void fetchEventsBecomeTheTimeline() throws Exception {
        HostFailover failover = new HostFailover(UUID.randomUUID().toString(), Instant.parse("2025-06-20T01:00:00Z"),
                Installation.HKSCC, "rapb01234", DataCentre.PRIMARY, "10.243.2.141:18801", "10.243.2.142:18801",
                FailureReason.NETWORK, "Connection refused");
        publish(Topics.FETCH_EVENTS, failover);

        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> FetchEvent.findById(failover.eventId())) != null);
        FetchEvent row = QuarkusTransaction.requiringNew().call(() -> FetchEvent.findById(failover.eventId()));
        assertThat(row.installation).isEqualTo(Installation.HKSCC);
        assertThat(row.account).isEqualTo("rapb01234");
        assertThat(row.payload).contains("10.243.2.142:18801");
    }

    @Test
    void everyContractValidEventAtItsLimitsIsStored() throws Exception {
        List<RapEvent> events = new ArrayList<>(MaximalEvents.onTopic(Topics.REPORTS));
        events.addAll(MaximalEvents.onTopic(Topics.FETCH_EVENTS));
        for (RapEvent event : events) {
            publish(event.type().topic(), event);
        }
        List<String> ids = events.stream().map(RapEvent::eventId).toList();
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ProcessedEvent.count("eventId in ?1", ids)) == ids.size());
        List<String> reportIds = events.stream().filter(ReportArrived.class::isInstance)
                .map(e -> ((ReportArrived) e).reportId()).toList();
        assertThat(QuarkusTransaction.requiringNew().call(() -> ReportVersion.count("reportId in ?1", reportIds)))
                .isEqualTo(reportIds.size());
        assertThat(QuarkusTransaction.requiringNew().call(() -> FetchEvent.count("eventId in ?1", ids)))
                .isEqualTo(ids.size() - reportIds.size());
    }

    private static ReportArrived arrival(String remotePath, String sha256) {
        String key = "HKSCC/rapb01234/" + remotePath;
        String reportId = "r-" + UUID.nameUUIDFromBytes((key + sha256).getBytes(StandardCharsets.UTF_8));
        String fileName = remotePath.substring(remotePath.lastIndexOf('/') + 1);
        return new ReportArrived(UUID.nameUUIDFromBytes(reportId.getBytes(StandardCharsets.UTF_8)).toString(),
                reportId, key, ClearingHouse.HKSCC, SourceSystem.CCASS, fileName.substring(0, 7), "B01234", DAY,
                fileName, remotePath, 1234, sha256, Instant.parse("2025-06-20T10:00:00Z"),
                Instant.parse("2025-06-20T10:00:07Z"), Installation.HKSCC, "rapb01234", DataCentre.PRIMARY,
                "10.243.2.141:18801", "file:///var/lib/rap-relay/archive/HKSCC/rapb01234/2025-06-20/" + fileName,
                "text/plain", false);
    }

    private org.apache.kafka.clients.producer.RecordMetadata publish(String topic, RapEvent event)
            throws Exception {
        return sendRaw(topic, codec.write(event), event.type().cloudEventType(), event.kafkaKey());
    }

    private org.apache.kafka.clients.producer.RecordMetadata sendRaw(String topic, byte[] value, String type)
            throws Exception {
        return sendRaw(topic, value, type, "HKSCC/rapb01234/broken");
    }

    private org.apache.kafka.clients.producer.RecordMetadata sendRaw(String topic, byte[] value, String type,
            String key) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
        return producer.send(record).get();
    }

    /**
     * Records a replay copied from the given dead letter: on the catalog's own replay topic, none on rap.reports (the
     * topic other consumers trust, which the catalog's principal may not write).
     */
    private long copiesOnReplayTopic(String replayedFrom) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REPORTS, Topics.replay(Topics.REPORTS, "catalog")));
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return true;
            });
        }
        List<ConsumerRecord<String, byte[]>> copies = records.stream()
                .filter(r -> replayedFrom.equals(header(r, DeadLetterReplay.REPLAYED_FROM))).toList();
        assertThat(copies).allSatisfy(r -> assertThat(r.topic()).isEqualTo("rap.reports.catalog.replay"));
        return copies.size();
    }

    private static List<ReportVersion> versionsOf(String reportKey) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ReportVersion.<ReportVersion>list("reportKey = ?1 order by version", reportKey));
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
