package io.raprelay.accesslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import io.raprelay.contracts.AccessLogCheckpointed;

/**
 * Ed25519 keys for the access log's checkpoints, as PEM files: the catalog signs with the private key (PKCS#8), anyone
 * holding the public key (X.509) checks. A key's id is the first 16 hex digits of the SHA-256 of its public key.
 */
public final class CheckpointSigner {

    private static final String ALGORITHM = "Ed25519";

    private CheckpointSigner() {
    }

    /** A signed checkpoint of a log with this many entries, ending at this id and hash. */
    public static AccessLogCheckpointed sign(PrivateKey privateKey, PublicKey publicKey, Instant at, long entries,
            long headId, String headHash) {
        String keyId = keyId(publicKey);
        AccessLogCheckpointed unsigned = new AccessLogCheckpointed("checkpoint-" + keyId + "-" + at.toEpochMilli(),
                at, entries, headId, headHash, keyId, "unsigned");
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(unsigned.signedText());
            return new AccessLogCheckpointed(unsigned.eventId(), at, entries, headId, headHash, keyId,
                    Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the access-log checkpoint", e);
        }
    }

    /** Whether the checkpoint was signed by the holder of this public key's private key. */
    public static boolean verify(AccessLogCheckpointed checkpoint, PublicKey publicKey) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(checkpoint.signedText());
            return checkpoint.keyId().equals(keyId(publicKey))
                    && signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static String keyId(PublicKey publicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey readPrivateKey(Path pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not an Ed25519 private key (PKCS#8 PEM)", e);
        }
    }

    public static PublicKey readPublicKey(Path pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not an Ed25519 public key (X.509 PEM)", e);
        }
    }

    /**
     * Creates the three key files in a folder (kept as they are if they exist): {@code access-log-chain.key} (32
     * random bytes), {@code checkpoint-signing.pem} and {@code checkpoint-verify.pem}, readable by the owner only.
     */
    public static void createKeys(Path folder) {
        try {
            Files.createDirectories(folder);
            Path chain = folder.resolve("access-log-chain.key");
            Path signing = folder.resolve("checkpoint-signing.pem");
            Path verify = folder.resolve("checkpoint-verify.pem");
            if (!Files.exists(chain)) {
                byte[] secret = new byte[ChainKey.MIN_BYTES];
                new java.security.SecureRandom().nextBytes(secret);
                writeOwnerOnly(chain, secret);
            }
            if (!Files.exists(signing) || !Files.exists(verify)) {
                KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
                writeOwnerOnly(signing, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.write(verify, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: left to its own access control
        }
    }

    private static byte[] pem(String type, byte[] der) {
        return ("-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] der(Path pem, String type) {
        try {
            String text = Files.readString(pem, StandardCharsets.US_ASCII);
            int begin = text.indexOf("-----BEGIN " + type + "-----");
            int end = text.indexOf("-----END " + type + "-----");
            if (begin < 0 || end < begin) {
                throw new IllegalArgumentException(pem + " holds no PEM block '" + type + "'");
            }
            return Base64.getMimeDecoder().decode(text.substring(begin + type.length() + 16, end));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pem + " (create the keys with: " + Main.KEYS_USAGE + ")",
                    e);
        }
    }
}
