package io.raprelay.fetcher.poll;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import io.raprelay.fetcher.site.RapHost;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;

/**
 * Opens an SSH handshake with a RAP host, without logging in, to learn the key it presents and compare it with the
 * pinned one. Used to describe a host-key rejection (both fingerprints) and to check that host 1 is healthy again.
 */
@ApplicationScoped
public class HostKeyProbe {

    /** What the host presented and what is pinned for it (null when not pinned). */
    public record Result(boolean reachable, String presentedFingerprint, String pinnedFingerprint, String error) {

        public boolean keyMatches() {
            return presentedFingerprint != null && presentedFingerprint.equals(pinnedFingerprint);
        }
    }

    public Result probe(RapHost host, Path knownHosts, Duration timeout) {
        JSch jsch = new JSch();
        try {
            jsch.setKnownHosts(knownHosts.toString());
        } catch (JSchException e) {
            return new Result(false, null, null, "cannot read " + knownHosts + ": " + e.getMessage());
        }
        HostKeyRepository pinned = jsch.getHostKeyRepository();
        String pinnedFingerprint = pinnedFingerprint(pinned, host.knownHostsName());
        Recording recording = new Recording(pinned);
        Session session = null;
        try {
            session = jsch.getSession("host-key-probe", host.host(), host.port());
            session.setHostKeyRepository(recording);
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "none");
            session.setUserInfo(new NoUserInfo());
            session.connect((int) timeout.toMillis());
            return new Result(true, recording.presented, pinnedFingerprint, null);
        } catch (JSchException e) {
            // Reaching authentication (and failing it) proves the host is up and its key was accepted.
            boolean reached = recording.presented != null;
            return new Result(reached, recording.presented, pinnedFingerprint, e.getMessage());
        } finally {
            if (session != null) {
                session.disconnect();
            }
        }
    }

    /** The fingerprint of the key pinned for a host, or null when none is. */
    public String pinnedFingerprint(RapHost host, Path knownHosts) {
        JSch jsch = new JSch();
        try {
            jsch.setKnownHosts(knownHosts.toString());
        } catch (JSchException e) {
            return null;
        }
        return pinnedFingerprint(jsch.getHostKeyRepository(), host.knownHostsName());
    }

    /** The fingerprint of an account's login key (its public half), as HKEX registered it. */
    public String keyFingerprint(byte[] privateKey) {
        try {
            KeyPair pair = KeyPair.load(new JSch(), privateKey, null);
            byte[] blob = pair.getPublicKeyBlob();
            pair.dispose();
            return blob == null ? null : fingerprint(blob);
        } catch (JSchException e) {
            return null;
        }
    }

    /** The OpenSSH SHA256 fingerprint of a raw public key blob, e.g. {@code SHA256:47DEQpj8HBSa...}. */
    public static String fingerprint(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pinnedFingerprint(HostKeyRepository pinned, String name) {
        HostKey[] keys = pinned.getHostKey(name, null);
        if (keys == null || keys.length == 0) {
            return null;
        }
        return fingerprint(Base64.getDecoder().decode(keys[0].getKey()));
    }

    /** Delegates the decision to the pinned keys, remembering what the host presented. */
    private static final class Recording implements HostKeyRepository {

        private final HostKeyRepository delegate;
        private volatile String presented;

        Recording(HostKeyRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public int check(String host, byte[] key) {
            presented = fingerprint(key);
            return delegate.check(host, key);
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
            // Never learn keys: pins change only by editing known_hosts.
        }

        @Override
        public void remove(String host, String type) {
        }

        @Override
        public void remove(String host, String type, byte[] key) {
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return delegate.getKnownHostsRepositoryID();
        }

        @Override
        public HostKey[] getHostKey() {
            return delegate.getHostKey();
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return delegate.getHostKey(host, type);
        }
    }

    /** Answers no to every prompt, so a probe can never accept a key interactively. */
    private static final class NoUserInfo implements UserInfo {

        @Override
        public String getPassphrase() {
            return null;
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public boolean promptPassword(String message) {
            return false;
        }

        @Override
        public boolean promptPassphrase(String message) {
            return false;
        }

        @Override
        public boolean promptYesNo(String message) {
            return false;
        }

        @Override
        public void showMessage(String message) {
        }
    }
}
