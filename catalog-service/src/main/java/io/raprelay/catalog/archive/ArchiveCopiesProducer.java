package io.raprelay.catalog.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import io.raprelay.catalog.CatalogConfig;
import io.raprelay.catalog.CatalogConfig.ArchiveStore;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The archive the catalog reads copies from, as configured: the fetcher's folder, or its bucket. */
@ApplicationScoped
public class ArchiveCopiesProducer {

    @Produces
    @ApplicationScoped
    ArchiveCopies copies(CatalogConfig config, Instance<S3Client> s3, Instance<S3Presigner> presigner) {
        if (config.archiveStore() == ArchiveStore.FILE) {
            return new FileArchiveCopies(config.archiveRoot());
        }
        return new S3ArchiveCopies(s3.get(), presigner.get(), config.s3().bucket().orElseThrow(
                () -> new IllegalStateException("catalog.s3.bucket is required with catalog.archive-store=s3")),
                config.s3().prefix().orElse(""), config.s3().objectLock());
    }
}
