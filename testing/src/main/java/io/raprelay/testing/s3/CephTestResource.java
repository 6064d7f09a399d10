package io.raprelay.testing.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 archive with Object Lock for a service's Quarkus tests: a Ceph object gateway ({@link CephObjectGateway})
 * with the bucket {@link #BUCKET} made with Object Lock, and the service's settings pointing at it
 * ({@code <service>.archive-store=s3}, {@code <service>.s3.bucket}, {@code quarkus.s3.*}). The init argument
 * {@code service} names the settings' prefix ({@code fetcher} by default); the test sets the service's own lock
 * settings.
 */
public class CephTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "rap-relay-locked";

    private static CephObjectGateway gateway;
    private String service = "fetcher";

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        try {
            gateway = CephObjectGateway.start(Files.createTempDirectory("ceph").resolve("rgw"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (S3Client s3 = gateway.client()) {
            s3.createBucket(b -> b.bucket(BUCKET).objectLockEnabledForBucket(true));
        }
        return S3TestResource.settings(service, BUCKET, gateway.endpoint(), CephObjectGateway.ACCESS_KEY,
                CephObjectGateway.SECRET_KEY);
    }

    /** A client of the running gateway, for a test to look into the bucket or change it behind a service's back. */
    public static S3Client client(ExecutionInterceptor... interceptors) {
        return gateway.client(interceptors);
    }

    @Override
    public void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
