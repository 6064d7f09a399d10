package io.raprelay.contracts;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates a compacted topic unless it exists: topics whose latest record per key is the state (the fetcher's fetched
 * store, {@link Topics#PRACTICE_SCHEDULE}) must never be created by a producer's auto-creation with time retention,
 * which would forget the state after a week. Every service that writes or reads one calls this at its start.
 */
public final class CompactedTopic {

    private CompactedTopic() {
    }

    public static void ensure(String bootstrapServers, String topic) {
        ensure(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic);
    }

    /**
     * As {@link #ensure(String, String)} with the service's whole Kafka client configuration (security included). An
     * existing topic is only described, so a principal allowed to describe but not to create it (a topic made by the
     * platform, as Strimzi's KafkaTopic) passes.
     */
    public static void ensure(Map<String, Object> kafkaConfig, String topic) {
        try (Admin admin = Admin.create(kafkaConfig)) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            NewTopic compacted = new NewTopic(topic, 1, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(Set.of(compacted)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create the compacted topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while creating topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
