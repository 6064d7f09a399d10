package io.raprelay.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import io.raprelay.simulator.host.RapHost;

/** A strict SFTP client for tests: pinned host keys only, public-key login only. */
final class SftpTestClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SshClient client = SshClient.setUpDefaultClient();

    SftpTestClient(Path knownHosts) {
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts));
        client.start();
    }

    /** Logs in and opens SFTP; closing the returned client closes the session too. */
    SftpClient open(RapHost host, String user, KeyPair key) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", host.port()).verify(TIMEOUT).getSession();
        try {
            session.addPublicKeyIdentity(key);
            session.auth().verify(TIMEOUT);
            return SftpClientFactory.instance().createSftpClient(session).singleSessionInstance();
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    static KeyPair load(Path privateKey) throws Exception {
        try (InputStream in = Files.newInputStream(privateKey)) {
            return SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(privateKey.toString()), in, null)
                    .iterator().next();
        }
    }

    @Override
    public void close() {
        client.stop();
    }
}
