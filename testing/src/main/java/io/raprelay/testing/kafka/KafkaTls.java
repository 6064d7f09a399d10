package io.raprelay.testing.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The certificates a local broker serves TLS with, made on first use with the JDK's own {@code keytool}: a CA of its
 * own ({@code ca.pem}, what clients trust) and the broker's key and certificate for 127.0.0.1 and localhost, signed
 * by that CA ({@code broker.p12}). Kept in a folder of the broker's data, made again only when missing.
 */
public final class KafkaTls {

    private final Path folder;
    private final String password;

    private KafkaTls(Path folder, String password) {
        this.folder = folder;
        this.password = password;
    }

    /** The broker's certificates in {@code folder}, made now if they are not there yet. */
    public static KafkaTls in(Path folder) {
        try {
            Files.createDirectories(folder);
            Path passwordFile = folder.resolve("keystore.password");
            if (!Files.exists(folder.resolve("broker.p12")) || !Files.exists(passwordFile)) {
                String password = UUID.randomUUID().toString();
                make(folder, password);
                Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
            }
            return new KafkaTls(folder, Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA certificate clients trust ({@code ssl.truststore.type=PEM}). */
    public Path caCertificate() {
        return folder.resolve("ca.pem");
    }

    /** The broker's PKCS#12 key store: its key, its certificate and the CA's. */
    public Path keyStore() {
        return folder.resolve("broker.p12");
    }

    public String keyStorePassword() {
        return password;
    }

    private static void make(Path folder, String password) throws IOException {
        Path ca = folder.resolve("ca.p12");
        Path broker = folder.resolve("broker.p12");
        Path request = folder.resolve("broker.csr");
        Path signed = folder.resolve("broker.pem");
        for (Path old : List.of(ca, broker, request, signed, folder.resolve("ca.pem"))) {
            Files.deleteIfExists(old);
        }
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=RAP Relay local Kafka CA", "-ext", "bc:c", "-validity", "3650", "-keystore", ca.toString(),
                "-storetype", "PKCS12", "-storepass", password);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password, "-file",
                folder.resolve("ca.pem").toString());
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-validity", "3650", "-keystore", broker.toString(), "-storetype", "PKCS12",
                "-storepass", password);
        keytool("-certreq", "-alias", "broker", "-keystore", broker.toString(), "-storepass", password, "-file",
                request.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password, "-infile",
                request.toString(), "-outfile", signed.toString(), "-validity", "3650", "-ext",
                "SAN=ip:127.0.0.1,dns:localhost", "-ext", "EKU=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", folder.resolve("ca.pem").toString(),
                "-keystore", broker.toString(), "-storepass", password);
        keytool("-importcert", "-alias", "broker", "-file", signed.toString(), "-keystore", broker.toString(),
                "-storepass", password);
        Files.delete(request);
        Files.delete(signed);
        Files.delete(ca); // nothing else is ever signed with it
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making the broker's certificates", e);
        }
    }
}
