package io.raprelay.fetcher.poll;

import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpOperations;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/**
 * Camel's SFTP operations for one download session, which can also be cut from another thread: Camel's own
 * {@link #forceDisconnect()} waits for the lock that a request RAP never answers holds for ever.
 */
final class DownloadOperations extends SftpOperations {

    private volatile Session session;

    DownloadOperations(SftpEndpoint endpoint) {
        super(endpoint.getProxy());
        setEndpoint(endpoint);
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
