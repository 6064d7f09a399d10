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
import io.raprelay.contracts.ReportOverdue;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;

/**
 * For notifier.sh: {@code NotifierLoad <bootstrap> alerts|arrivals <N>} publishes N distinct ReportOverdue events
 * (each a critical alert of its own: one report code, participant and business date) or N ReportArrived events of
 * one business date (sent as digests).
 */
public class NotifierLoad {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        boolean alerts = args[1].equals("alerts");
        int count = Integer.parseInt(args[2]);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        try (KafkaProducer<String, RapEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                new RapEventSerializer())) {
            LocalDate day = LocalDate.of(2025, 6, 20);
            for (int i = 0; i < count; i++) {
                String participant = "B" + (10000 + i);
                RapEvent event;
                String topic;
                if (alerts) {
                    event = new ReportOverdue(UUID.randomUUID().toString(), Instant.now(), ClearingHouse.HKSCC,
                            SourceSystem.CCASS, "CCLTN05", participant, day, Instant.parse("2025-06-20T10:30:00Z"), 1,
                            null);
                    topic = Topics.REPORT_OVERDUE;
                } else {
                    String path = "INBOX/20250620/CCLTN05_" + participant + "_20250620.txt";
                    String key = "HKSCC/rapb01234/" + path;
                    String reportId = "r-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
                    event = new ReportArrived(UUID.randomUUID().toString(), reportId, key, ClearingHouse.HKSCC,
                            SourceSystem.CCASS, "CCLTN05", participant, day, path.substring(path.lastIndexOf('/') + 1),
                            path, 1000, String.format("%064x", i), Instant.parse("2025-06-20T10:00:00Z"),
                            Instant.now(), Installation.HKSCC, "rapb01234", DataCentre.PRIMARY, "10.243.2.141:18801",
                            "file:///archive/" + key, "text/plain", false);
                    topic = Topics.REPORTS;
                }
                producer.send(new ProducerRecord<>(topic, event.kafkaKey(), event));
            }
            producer.flush();
        }
        System.out.println("published " + count + (alerts ? " ReportOverdue" : " ReportArrived") + " events");
    }
}
