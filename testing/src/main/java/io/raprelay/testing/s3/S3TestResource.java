package io.raprelay.testing.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
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
        return Map.ofEntries(Map.entry(service + ".archive-store", "s3"),
                Map.entry(service + ".s3.bucket", BUCKET),
                Map.entry("quarkus.s3.endpoint-override", server.endpoint().toString()),
                Map.entry("quarkus.s3.path-style-access", "true"),
                Map.entry("quarkus.s3.checksum-validation", "false"), // s3proxy has no flexible checksums
                Map.entry("quarkus.s3.aws.region", "us-east-1"),
                Map.entry("quarkus.s3.aws.credentials.type", "static"),
                Map.entry("quarkus.s3.aws.credentials.static-provider.access-key-id", S3ProxyServer.ACCESS_KEY),
                Map.entry("quarkus.s3.aws.credentials.static-provider.secret-access-key", S3ProxyServer.SECRET_KEY));
    }

    /** A client of the running server, for a test to look into the bucket or change it behind a service's back. */
    public static S3Client client() {
        return client(server);
    }

    /** A client of {@code server}, as the services' settings make theirs. */
    public static S3Client client(S3ProxyServer server) {
        return S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                // s3proxy has no flexible checksums: each body's SHA-256 is its signed payload hash, checked by it
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
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
