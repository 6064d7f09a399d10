package io.raprelay.testing.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Creates the topics of Strimzi {@code KafkaTopic} manifests (deploy/k8s/kafka-topics.yaml) on a one-node broker:
 * their partitions and configuration, one replica. On a closed broker the services may not create topics; the
 * platform does, as Strimzi's operator does in a cluster.
 */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    public static void create(Map<String, Object> adminConfig, Path kafkaTopics) {
        List<NewTopic> topics = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(kafkaTopics.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || !"KafkaTopic".equals(document.path("kind").asText())) {
                    continue;
                }
                JsonNode spec = document.path("spec");
                Map<String, String> configs = new HashMap<>();
                spec.path("config").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
                configs.remove("min.insync.replicas"); // one node
                topics.add(new NewTopic(spec.path("topicName").asText(document.path("metadata").path("name")
                        .asText()), spec.path("partitions").asInt(1), (short) 1).configs(configs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Kafka topics of " + kafkaTopics, e);
        }
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create the topics of " + kafkaTopics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
