package io.raprelay.fetcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.raprelay.contracts.CompactedTopic;
import io.raprelay.fetcher.archive.Archive;
import io.raprelay.fetcher.archive.ArchiveLock;
import io.raprelay.fetcher.archive.ReportArchive;
import io.raprelay.fetcher.archive.S3Archive;
import io.raprelay.fetcher.classify.ReportClassifier;
import io.raprelay.fetcher.site.FetcherConfig;
import io.raprelay.fetcher.site.FetcherConfig.ArchiveStore;
import io.raprelay.fetcher.site.FetcherConfig.ObjectLock;
import io.smallrye.common.annotation.Identifier;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

/** Wires the fetcher's plain-Java parts (classifier, archive, fetched store) from configuration. */
@ApplicationScoped
public class FetcherBeans {

    private static final Logger LOG = Logger.getLogger(FetcherBeans.class);

    @Produces
    @ApplicationScoped
    ReportClassifier classifier(FetcherConfig config) {
        return ReportClassifier.load(config.classificationFile());
    }

    /** Taken at start, before anything touches the archive: a second fetcher on the same archive stops here. */
    @Produces
    @Startup
    @ApplicationScoped
    ArchiveLock archiveLock(FetcherConfig config) throws IOException {
        // With S3 the fetcher's data folder holds the lock: one fetcher per data folder, and per bucket prefix.
        return ArchiveLock.acquire(config.archiveStore() == ArchiveStore.S3 ? config.dataDir() : archiveRoot(config));
    }

    void releaseArchiveLock(@Disposes ArchiveLock lock) throws IOException {
        lock.close();
    }

    private static S3Archive s3Archive(FetcherConfig config, S3Client s3) throws IOException {
        ObjectLock lock = config.s3().objectLock();
        S3Archive archive = new S3Archive(s3, config.s3().bucket().orElseThrow(
                () -> new IllegalStateException("fetcher.s3.bucket is required with fetcher.archive-store=s3")),
                config.s3().prefix().orElse(""), (int) config.s3().partSize().asLongValue(),
                lock == ObjectLock.NONE ? null : ObjectLockMode.fromValue(lock.name()),
                config.s3().sha256Checksums());
        archive.requireObjectLock();
        return archive;
    }

    private static Path archiveRoot(FetcherConfig config) {
        return config.archiveRoot().orElse(config.dataDir().resolve("archive"));
    }

    /**
     * Needs the lock (the parameter orders the two): leftovers are cleared only by the archive's one fetcher. Made at
     * start, so an archive that cannot be reached or a bucket that is missing stops the start with its reason.
     */
    @Produces
    @Startup
    @ApplicationScoped
    Archive archive(FetcherConfig config, ArchiveLock lock, Instance<S3Client> s3)
            throws IOException {
        Archive archive = config.archiveStore() == ArchiveStore.FILE
                ? new ReportArchive(archiveRoot(config))
                : s3Archive(config, s3.get());
        int leftovers = archive.removeLeftovers();
        if (leftovers > 0) {
            LOG.infof("Removed %d unfinished archive writes left by an earlier crash; those files are fetched again",
                    leftovers);
        }
        return archive;
    }

    /**
     * The "already fetched" store: Camel's Kafka idempotent repository on a compacted topic. Chosen over a database
     * because the fetcher then needs nothing but Kafka, and every replica reads every other replica's keys from the
     * same topic (a JDBC store would add a database to the fetcher for the same guarantee).
     */
    @Produces
    @ApplicationScoped
    @Named("fetchedReports")
    IdempotentRepository fetchedReports(FetcherConfig config, CamelContext camel,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        CompactedTopic.ensure(kafka, config.fetchedTopic());
        // The service's whole Kafka client configuration (kafka.*: servers, TLS, SASL), as its channels have.
        Properties producer = new Properties();
        producer.putAll(kafka);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Each add is awaited before the next file: batching delay would be pure latency.
        producer.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        Properties consumer = new Properties();
        consumer.putAll(kafka);
        KafkaIdempotentRepository repository = new KafkaIdempotentRepository(config.fetchedTopic(), consumer,
                producer);
        repository.setMaxCacheSize(config.fetchedCacheSize());
        repository.setCamelContext(camel);
        // Started and stopped with Camel (it reads the topic into its cache at start), before any poll.
        try {
            camel.addService(repository, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the fetched-reports store on topic " + config.fetchedTopic(),
                    e);
        }
        return repository;
    }
}
