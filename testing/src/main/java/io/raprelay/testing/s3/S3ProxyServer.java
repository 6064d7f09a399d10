package io.raprelay.testing.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.raprelay.testing.net.LoopbackPorts;

/**
 * A real S3 protocol server for tests and the local run: s3proxy (Apache jclouds behind an S3 front end) with its
 * file-system backend, started as its own process from its self-contained jar, which the using module copies to
 * {@code target/s3proxy/s3proxy.jar} (or names in the system property {@code s3proxy.jar}). Buckets are folders of
 * {@link #dataDir()}, so a test can alter an object behind a client's back.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "local-only-access-key";
    public static final String SECRET_KEY = "local-only-secret-key";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int port;
    private final Process process;

    private S3ProxyServer(Path dataDir, int port, Process process) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
    }

    /** Starts a server keeping its buckets under {@code workDir/data}, and waits until it answers. */
    public static S3ProxyServer start(Path workDir) {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No s3proxy jar at " + jar.toAbsolutePath()
                    + ": the module copies org.gaul:s3proxy:jar-with-dependencies there (maven-dependency-plugin)");
        }
        try {
            Path data = Files.createDirectories(workDir.resolve("data"));
            int port = LoopbackPorts.reserve();
            Path properties = workDir.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data.toAbsolutePath(), ""));
            Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString(), "--properties",
                    properties.toAbsolutePath().toString()))
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("s3proxy.log").toFile()).start();
            S3ProxyServer server = new S3ProxyServer(data, port, process);
            server.awaitAnswer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The folder holding one folder per bucket, each object a file named by its key. */
    public Path dataDir() {
        return dataDir;
    }

    /** Makes a bucket, as a folder of the file-system backend. */
    public void createBucket(String bucket) {
        try {
            Files.createDirectories(dataDir.resolve(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAnswer() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + " at start");
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) endpoint().toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.getResponseCode(); // any answer (403 without credentials) means it serves
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        close();
        throw new IllegalStateException("s3proxy did not answer within " + START_TIMEOUT);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
