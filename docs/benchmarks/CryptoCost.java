import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the fetcher's per-byte work costs in this JVM on this CPU, without SSH, files or Kafka: SHA-256 (the
 * archive's checksum), AES-128-GCM decryption of 32 KB packets as an SSH client does it (one init and doFinal per
 * packet), and AES-128-CTR with HMAC-SHA-256 (the other cipher and MAC choice). Seconds of one core per GiB, three
 * rounds (the first includes the JIT's warm-up). Run: {@code java docs/benchmarks/CryptoCost.java}, with the JDK to
 * compare.
 */
public class CryptoCost {

    private static final long GIB = 1L << 30;

    public static void main(String[] args) throws Exception {
        byte[] packet = new byte[32768];
        new SecureRandom().nextBytes(packet);
        SecretKeySpec aes = new SecretKeySpec(new byte[16], "AES");
        byte[] iv = new byte[12];
        Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding");
        encrypt.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, iv));
        byte[] sealed = encrypt.doFinal(packet);
        byte[] out = new byte[sealed.length];
        for (int round = 1; round <= 3; round++) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long start = System.nanoTime();
            for (long done = 0; done < GIB; done += packet.length) {
                sha256.update(packet, 0, packet.length);
            }
            sha256.digest();
            double sha = seconds(start);

            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            start = System.nanoTime();
            for (long done = 0; done < GIB; done += packet.length) {
                gcm.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, iv));
                gcm.doFinal(sealed, 0, sealed.length, out, 0);
            }
            double gcmSeconds = seconds(start);

            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.DECRYPT_MODE, aes, new IvParameterSpec(new byte[16]));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            start = System.nanoTime();
            for (long done = 0; done < GIB; done += packet.length) {
                ctr.update(packet, 0, packet.length, out, 0);
                hmac.update(packet, 0, packet.length);
                hmac.doFinal();
            }
            double ctrSeconds = seconds(start);
            System.out.printf("round %d, CPU-s per GiB: SHA-256 %.2f, aes128-gcm %.2f, aes128-ctr + hmac-sha2-256 %.2f"
                    + " (Java %s)%n", round, sha, gcmSeconds, ctrSeconds, System.getProperty("java.version"));
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
