package io.raprelay.catalog.ingest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.raprelay.contracts.Topics;

/**
 * {@code raprelay_dead_letters_total{service, topic}} on {@code /q/metrics}: created at start for every consumed topic,
 * so that it is exported at 0 and an alert rule on its increase sees the first dead letter.
 */
@Startup
@ApplicationScoped
public class DeadLetterCounts {

    private final MeterRegistry registry;

    public DeadLetterCounts(MeterRegistry registry,
            @ConfigProperty(name = "mp.messaging.incoming.fetcher-events.topics") List<String> topics) {
        this.registry = registry;
        topics.stream().map(Topics::sourceOf).distinct().forEach(this::counter);
    }

    void increment(String topic) {
        counter(topic).increment();
    }

    private Counter counter(String topic) {
        return registry.counter("raprelay.dead.letters", "service", DeadLetters.SERVICE, "topic", topic);
    }
}
