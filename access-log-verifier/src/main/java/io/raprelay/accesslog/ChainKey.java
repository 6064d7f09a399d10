package io.raprelay.accesslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The access log's chain key: entries are chained with HMAC-SHA256 under a secret kept outside the database, so whoever
 * can write the table (its owner, a superuser) cannot recompute the chain after changing it.
 */
public final class ChainKey {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    /** The least key length accepted, in bytes. */
    public static final int MIN_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    public ChainKey(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("The access-log chain key must have at least " + MIN_BYTES
                    + " bytes; it has " + secret.length);
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Reads the key file (its bytes are the key); a clear error when it is missing or too short. */
    public static ChainKey read(Path file) {
        try {
            return new ChainKey(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the access-log chain key " + file + " (create one with: "
                    + Main.KEYS_USAGE + ")", e);
        }
    }

    /** The chain hash of an entry: HMAC-SHA256 of its canonical text when keyed, else its plain SHA-256. */
    public String hash(String canonical, boolean keyed) {
        byte[] text = canonical.getBytes(StandardCharsets.UTF_8);
        try {
            if (keyed) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return HEX.formatHex(mac.doFinal(text));
            }
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public String hash(Entry entry) {
        return hash(entry.canonical(), entry.keyed());
    }
}
