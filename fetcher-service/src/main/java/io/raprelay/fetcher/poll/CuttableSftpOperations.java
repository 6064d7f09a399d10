package io.raprelay.fetcher.poll;

import org.apache.camel.Exchange;
import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpOperations;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/**
 * Camel's SFTP operations for one session (a poll's listing, or a download), which can also be cut from another
 * thread: Camel's own {@link #forceDisconnect()} waits for the lock that a request RAP never answers holds for ever.
 */
final class CuttableSftpOperations extends SftpOperations {

    private volatile Session session;
    private final Runnable onConnected;

    CuttableSftpOperations(SftpEndpoint endpoint) {
        this(endpoint, () -> {
        });
    }

    /**
     * @param onConnected
     *            runs each time a connection is made (its login done), before it is used
     */
    CuttableSftpOperations(SftpEndpoint endpoint, Runnable onConnected) {
        super(endpoint.getProxy());
        setEndpoint(endpoint);
        this.onConnected = onConnected;
    }

    @Override
    public boolean connect(RemoteFileConfiguration configuration, Exchange exchange) {
        boolean connected = super.connect(configuration, exchange);
        if (connected) {
            onConnected.run();
        }
        return connected;
    }

    @Override
    protected Session createSession(RemoteFileConfiguration configuration) throws JSchException {
        Session created = super.createSession(configuration);
        session = created;
        return created;
    }

    /** Closes the SSH connection now: a read blocked on it ends, and the session is not used again. */
    void cut() {
        Session current = session;
        if (current != null) {
            current.disconnect();
        }
    }
}
