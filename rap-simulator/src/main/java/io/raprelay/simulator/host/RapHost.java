package io.raprelay.simulator.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import io.raprelay.simulator.SimulatorConfig.AccountConfig;
import io.raprelay.simulator.SimulatorConfig.HostAddress;

/**
 * One simulated RAP host: an SFTP server (Apache MINA SSHD) on loopback that accepts public-key logins of its
 * installation's accounts only, serves each account its read-only report tree, and has fault switches (stop, refuse
 * logins, drop connections, stall transfers, rotate its host key). Its host key is generated once and kept on disk.
 */
public final class RapHost {

    private final HostAddress address;
    private final String bindAddress;
    private final Path hostKeyFile;
    private final Map<String, AccountConfig> accounts;
    private final Path treeRoot;
    private volatile VirtualFileSystemFactory fileSystems;
    private volatile Path servedRoot;
    private final SftpOperationLog log;
    private final HostileNames hostileNames;
    private final TransferStall stall = new TransferStall();
    private volatile boolean refusingLogins;
    private SshServer server;
    private int port;

    public RapHost(HostAddress address, String bindAddress, Path hostKeyFile, Map<String, AccountConfig> accounts,
            Path treeRoot, SftpOperationLog log, HostileNames hostileNames) {
        this.address = address;
        this.bindAddress = bindAddress;
        this.hostKeyFile = hostKeyFile;
        this.accounts = Map.copyOf(accounts);
        this.treeRoot = treeRoot;
        this.log = log;
        this.hostileNames = hostileNames;
        this.port = address.port();
    }

    /** Starts listening (on the same port as before after a stop). */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        SshServer ssh = SshServer.setUpDefaultServer();
        ssh.setHost(bindAddress);
        ssh.setPort(port);
        // Like OpenSSH, answer small SFTP replies at once instead of holding them for Nagle's algorithm (a client
        // that closes a file with read-ahead requests outstanding would otherwise wait for delayed ACKs per file).
        CoreModuleProperties.TCP_NODELAY.set(ssh, true);
        // MINA SSHD 2.15 drops an OpenSSH 9 session when the server starts a key re-exchange (NullPointerException in
        // KeyExchange.next), after 1 GB by default or after a cipher-dependent block count; leave re-keying by volume
        // to the client, as OpenSSH servers do for their default ciphers (RekeyLimit "default none").
        CoreModuleProperties.REKEY_BYTES_LIMIT.set(ssh, Long.MAX_VALUE);
        CoreModuleProperties.REKEY_BLOCKS_LIMIT.set(ssh, Long.MAX_VALUE);
        CoreModuleProperties.REKEY_PACKETS_LIMIT.set(ssh, Long.MAX_VALUE);
        ssh.setKeyPairProvider(hostKeyProvider());
        ssh.setPublickeyAuthenticator(this::authenticate);
        ssh.setPasswordAuthenticator(null);
        ssh.setKeyboardInteractiveAuthenticator(null);
        ssh.setGSSAuthenticator(null);
        ssh.setHostBasedAuthenticator(null);
        fileSystems = fileSystems(treeRoot);
        ssh.setFileSystemFactory(fileSystems);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder()
                .withFileSystemAccessor(new ReadOnlySftpAccessor(name(), log, stall, hostileNames))
                .build();
        sftp.addSftpEventListener(log.listenerFor(name()));
        ssh.setSubsystemFactories(List.of(sftp));
        try {
            ssh.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start RAP host " + name() + " on port " + port, e);
        }
        port = ssh.getPort();
        server = ssh;
    }

    /** Stops listening and closes every session: clients see connection refused. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        stall.release();
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null && server.isStarted();
    }

    /** Closes every open session at once, as a network drop would; the host keeps listening. */
    public synchronized int dropConnections() {
        if (server == null) {
            return 0;
        }
        List<? extends Session> sessions = List.copyOf(server.getActiveSessions());
        sessions.forEach(session -> session.close(true));
        return sessions.size();
    }

    /** Replaces the host key with a new one; clients that pinned the old key must now refuse this host. */
    public synchronized void rotateHostKey() {
        boolean wasRunning = server != null;
        stop();
        try {
            Files.deleteIfExists(hostKeyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (wasRunning) {
            start();
        } else {
            hostKeyProvider().loadKeys(null);
        }
    }

    public void refuseLogins(boolean refuse) {
        refusingLogins = refuse;
    }

    public boolean isRefusingLogins() {
        return refusingLogins;
    }

    public TransferStall stall() {
        return stall;
    }

    public HostAddress address() {
        return address;
    }

    /** The port it listens on (known after the first start when configured as 0). */
    public int port() {
        return port;
    }

    public String name() {
        return address.name();
    }

    /** The host's public key, generating the key pair on first use. */
    public PublicKey hostKey() {
        Iterable<KeyPair> keys = hostKeyProvider().loadKeys(null);
        return keys.iterator().next().getPublic();
    }

    /** The line for this host in an OpenSSH {@code known_hosts} file. */
    public String knownHostsLine() {
        String key = AccountKeys.publicKeyLine(hostKey(), "").trim();
        return "[" + bindAddress + "]:" + port + " " + key + "\n";
    }

    private boolean authenticate(String user, PublicKey key, ServerSession session) {
        if (refusingLogins) {
            log.login(name(), user, session, false, "logins disabled by the refuse-login fault switch");
            return false;
        }
        AccountConfig account = accounts.get(user);
        if (account == null) {
            log.login(name(), user, session, false,
                    "unknown user: no RAP account of this name on the " + address.installation() + " installation");
            return false;
        }
        if (!AccountKeys.isAuthorized(account.authorizedKeys(), key)) {
            log.login(name(), user, session, false, "public key " + AccountKeys.fingerprint(key)
                    + " is not registered for this account");
            return false;
        }
        log.login(name(), user, session, true, "public key " + AccountKeys.fingerprint(key));
        return true;
    }

    private SimpleGeneratorHostKeyProvider hostKeyProvider() {
        try {
            Files.createDirectories(hostKeyFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        provider.setAlgorithm(KeyUtils.EC_ALGORITHM);
        provider.setKeySize(256);
        return provider;
    }

    /**
     * Serves another tree from the next login on ({@code null}: its own again): a secondary host serving the practice
     * session's files. A stopped host takes it up at its next start.
     */
    public synchronized void serveFrom(Path root) {
        servedRoot = root;
        if (fileSystems != null) {
            Path effective = root == null ? treeRoot : root;
            accounts.keySet().forEach(user -> fileSystems.setUserHomeDir(user, home(effective, user)));
        }
    }

    private VirtualFileSystemFactory fileSystems(Path ownRoot) {
        VirtualFileSystemFactory factory = new VirtualFileSystemFactory();
        Path root = servedRoot == null ? ownRoot : servedRoot;
        for (String user : accounts.keySet()) {
            factory.setUserHomeDir(user, home(root, user));
        }
        return factory;
    }

    private static Path home(Path root, String user) {
        Path home = root.resolve(user);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }
}
