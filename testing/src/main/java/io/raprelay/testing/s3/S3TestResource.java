package io.raprelay.testing.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 archive for a service's Quarkus tests: s3proxy ({@link S3ProxyServer}) with the bucket {@link #BUCKET}, and
 * the service's settings pointing at it ({@code <service>.archive-store=s3}, {@code <service>.s3.bucket} and
 * {@code quarkus.s3.*}). The init argument {@code service} names the settings' prefix ({@code fetcher} by default).
 */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "rap-relay-archive";

    private static S3ProxyServer server;
    private String service = "fetcher";

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = S3ProxyServer.start(Files.createTempDirectory("s3proxy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createBucket(BUCKET);
        Map<String, String> settings = new HashMap<>(settings(service, BUCKET, server.endpoint(),
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
        if (service.equals("fetcher")) {
            settings.put("fetcher.s3.sha256-checksums", "false"); // s3proxy answers 501 to x-amz-checksum-sha256
        }
        return settings;
    }

    /**
     * A service's settings for an archive in {@code bucket} of a local S3 server without flexible checksums (s3proxy,
     * Ceph 16): each request body is checked by its signed SHA-256 instead.
     */
    static Map<String, String> settings(String service, String bucket, URI endpoint, String accessKey,
            String secretKey) {
        return Map.ofEntries(Map.entry(service + ".archive-store", "s3"),
                Map.entry(service + ".s3.bucket", bucket),
                Map.entry("quarkus.s3.endpoint-override", endpoint.toString()),
                Map.entry("quarkus.s3.path-style-access", "true"),
                Map.entry("quarkus.s3.checksum-validation", "false"),
                Map.entry("quarkus.s3.aws.region", "us-east-1"),
                Map.entry("quarkus.s3.aws.credentials.type", "static"),
                Map.entry("quarkus.s3.aws.credentials.static-provider.access-key-id", accessKey),
                Map.entry("quarkus.s3.aws.credentials.static-provider.secret-access-key", secretKey));
    }

    /** A client of the running server, for a test to look into the bucket or change it behind a service's back. */
    public static S3Client client() {
        return client(server);
    }

    /** A client of {@code server}, as the services' settings make theirs. */
    public static S3Client client(S3ProxyServer server) {
        return client(server.endpoint(), S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
    }

    /** A client as the services' {@link #settings} make theirs. */
    static S3Client client(URI endpoint, String accessKey, String secretKey, ExecutionInterceptor... interceptors) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                // no flexible checksums: each body's SHA-256 is its signed payload hash, checked by the server
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                        secretKey)))
                .build();
    }

    /** Stops the server now, for a test of what its service does while the archive is down. */
    public static void stopServer() {
        server.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
