package io.raprelay.testing.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.raprelay.testing.net.LoopbackPorts;

import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A one-node Ceph object gateway (radosgw, Debian's packages), the S3 store here that enforces Object Lock: started
 * by {@code deploy/local/ceph-rgw.sh} (or the script the system property {@code ceph-rgw.script} names) in a folder
 * of its own, stopped by {@link #close()}. Its OSD keeps objects in memory.
 */
public final class CephObjectGateway implements AutoCloseable {

    public static final String ACCESS_KEY = "local-only-access-key";
    public static final String SECRET_KEY = "local-only-secret-key";
    private static final long START_SECONDS = 180;

    private final Path script;
    private final Path workDir;
    private final URI endpoint;

    private CephObjectGateway(Path script, Path workDir, URI endpoint) {
        this.script = script;
        this.workDir = workDir;
        this.endpoint = endpoint;
    }

    /** Starts a gateway in {@code workDir} and waits until it serves S3. */
    public static CephObjectGateway start(Path workDir) {
        Path script = Path.of(System.getProperty("ceph-rgw.script", "../deploy/local/ceph-rgw.sh")).toAbsolutePath();
        Path log = workDir.resolveSibling(workDir.getFileName() + "-start.log");
        try {
            int[] ports = LoopbackPorts.reserve(2); // S3, monitor
            Process process = new ProcessBuilder(List.of("bash", script.toString(), "start", workDir.toString(),
                    Integer.toString(ports[0]), Integer.toString(ports[1]), ACCESS_KEY, SECRET_KEY))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("The Ceph gateway did not start within " + START_SECONDS + " s: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || lines.isEmpty()) {
                throw new IllegalStateException("The Ceph gateway did not start (exit " + process.exitValue() + "): "
                        + String.join("\n", lines));
            }
            return new CephObjectGateway(script, workDir, URI.create(lines.get(lines.size() - 1).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * A client as a service configured for this gateway makes one: Ceph before 19 (Squid) takes no flexible
     * checksums ({@code quarkus.s3.checksum-validation=false}), each body checked by its signed SHA-256.
     */
    public S3Client client(ExecutionInterceptor... interceptors) {
        return S3TestResource.client(endpoint, ACCESS_KEY, SECRET_KEY, interceptors);
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder(List.of("bash", script.toString(), "stop", workDir.toString())).inheritIO().start()
                    .waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
