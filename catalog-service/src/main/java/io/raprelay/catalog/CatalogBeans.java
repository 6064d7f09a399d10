package io.raprelay.catalog;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.raprelay.contracts.CompactedTopic;
import io.raprelay.contracts.EventCodec;
import io.raprelay.contracts.Topics;
import io.smallrye.common.annotation.Identifier;

/** The catalog's plain-Java collaborators. */
@ApplicationScoped
public class CatalogBeans {

    @Produces
    @ApplicationScoped
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The catalog reads the compacted practice schedule: created compacted here if the catalog starts before the
     * notifier and the fetcher (a consumer's subscription would otherwise let the broker create it with deletion).
     */
    void practiceSchedule(@Observes StartupEvent start,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        try {
            CompactedTopic.ensure(kafkaConfig, Topics.PRACTICE_SCHEDULE);
        } catch (RuntimeException e) {
            Log.warnf("Cannot make sure %s exists compacted (%s); the notifier or the fetcher creates it",
                    Topics.PRACTICE_SCHEDULE, e.getMessage());
        }
    }
}
