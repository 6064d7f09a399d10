import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RapEventSerializer;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;

/** Publishes N distinct ReportArrived events (with their CloudEvents headers) for catalog.sh. */
public class CatalogLoad {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int count = Integer.parseInt(args[1]);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        try (KafkaProducer<String, RapEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                new RapEventSerializer())) {
            for (int i = 0; i < count; i++) {
                LocalDate day = LocalDate.of(2025, 1, 2).plusDays(i % 250);
                String date = day.toString().replace("-", "");
                String path = "INBOX/" + date + "/CCLTN05_B" + (i % 400) + "_" + date + "_" + i + ".txt";
                String key = "HKSCC/rapb01234/" + path;
                String reportId = "r-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
                ReportArrived event = new ReportArrived(
                        UUID.nameUUIDFromBytes(reportId.getBytes(StandardCharsets.UTF_8)).toString(), reportId, key,
                        ClearingHouse.HKSCC, SourceSystem.CCASS, "CCLTN05", "B" + (i % 400), day,
                        path.substring(path.lastIndexOf('/') + 1), path, 1000 + i,
                        String.format("%064x", i), Instant.parse("2025-01-02T10:00:00Z"),
                        Instant.parse("2025-01-02T10:00:05Z"), Installation.HKSCC, "rapb01234", DataCentre.PRIMARY,
                        "10.243.2.141:18801", "file:///archive/" + key, "text/plain", false);
                producer.send(new ProducerRecord<>(Topics.REPORTS, event.kafkaKey(), event));
            }
            producer.flush();
        }
        System.out.println("published " + count + " ReportArrived events");
    }
}
