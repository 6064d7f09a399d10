package io.raprelay.simulator.host;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * The public keys each RAP account may log in with, from an OpenSSH {@code authorized_keys} file per account. For
 * rehearsals without a registered key, the simulator can create a key pair next to that file.
 */
public final class AccountKeys {

    private AccountKeys() {
    }

    /** True when {@code key} is listed in the account's authorized keys file. */
    public static boolean isAuthorized(Path authorizedKeys, PublicKey key) {
        if (!Files.isReadable(authorizedKeys)) {
            return false;
        }
        try {
            List<AuthorizedKeyEntry> entries = AuthorizedKeyEntry.readAuthorizedKeys(authorizedKeys);
            for (AuthorizedKeyEntry entry : entries) {
                PublicKey allowed = entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
                if (KeyUtils.compareKeys(allowed, key)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read authorized keys " + authorizedKeys, e);
        }
    }

    /**
     * Creates an ECDSA P-256 key pair for an account whose authorized keys file does not exist yet: the private key
     * (OpenSSH format, owner-only permissions) as {@code id_ecdsa} beside it, the public key as its only entry.
     *
     * @return the private key file, or empty when the account already had authorized keys
     */
    public static Optional<Path> createIfMissing(Path authorizedKeys, String comment) {
        if (Files.exists(authorizedKeys)) {
            return Optional.empty();
        }
        try {
            KeyPair pair = generate();
            Path dir = authorizedKeys.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path privateKey = dir.resolve("id_ecdsa");
            writePrivateKey(pair, comment, privateKey);
            Files.writeString(dir.resolve("id_ecdsa.pub"), publicKeyLine(pair.getPublic(), comment));
            Files.writeString(authorizedKeys, publicKeyLine(pair.getPublic(), comment));
            return Optional.of(privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new ECDSA P-256 key pair, the type both RAP's SFTP server and the fetcher's JSch client accept. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a private key in OpenSSH format, readable by its owner only. */
    public static void writePrivateKey(KeyPair pair, String comment, Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot encode private key", e);
        }
    }

    /** An {@code authorized_keys} / {@code .pub} line for a public key. */
    public static String publicKeyLine(PublicKey key, String comment) {
        StringBuilder line = new StringBuilder();
        try {
            PublicKeyEntry.appendPublicKeyEntry(line, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.append(' ').append(comment).append('\n').toString();
    }

    /** The OpenSSH SHA256 fingerprint of a key, as {@code ssh-keygen -l} prints it. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }
}
