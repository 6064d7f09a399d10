package io.raprelay.fetcher.poll;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.FtpConstants;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.support.DefaultExchange;

import io.quarkus.logging.Log;
import io.raprelay.fetcher.site.RapHost;

/**
 * The SFTP sessions one account downloads over during a poll, next to the route's own listing session: opened on
 * demand against the host the account polls now (Camel's own {@link SftpOperations} on the account's endpoint, so the
 * same pinned known_hosts, key, timeouts and ciphers apply), lent to one download at a time, and all closed when the
 * poll ends; the polls of one backlog, each started at once after the one before, share them. A session that failed a
 * download, or that is connected to a host the account no longer polls, is closed rather than lent again.
 * <p>
 * Every download is watched: a transfer that has waited on RAP for longer than the read timeout (an open, a read or a
 * close that RAP does not answer, while its SSH connection still answers keep-alives) has its session cut, and its
 * download fails as a {@code TIMEOUT}; the file stays unmarked for the next poll.
 */
final class DownloadSessions {

    /** One open SFTP session and the host it is connected to. */
    record Session(CuttableSftpOperations operations, RapHost host) {
    }

    private final AccountPolling polling;
    private final SftpEndpoint endpoint;
    private final ConcurrentLinkedDeque<Session> idle = new ConcurrentLinkedDeque<>();
    private final List<Session> open = new ArrayList<>();
    private final Set<WatchedTransfer> transfers = ConcurrentHashMap.newKeySet();
    private final Duration readTimeout;

    DownloadSessions(AccountPolling polling, SftpEndpoint endpoint, Duration readTimeout) {
        this.polling = polling;
        this.endpoint = endpoint;
        this.readTimeout = readTimeout;
    }

    /** Cuts the session of every transfer that has waited on RAP longer than the read timeout (the watchdog's). */
    void cutStalled(long now) {
        for (WatchedTransfer transfer : transfers) {
            if (transfer.cutIfStalled(now)) {
                Log.warnf("A download from %s for %s waited on RAP for more than %s (read timeout): its session is "
                        + "cut", transfer.session().host().address(), polling.account().user(), readTimeout);
            }
        }
    }

    /** An idle session to the account's current host, or a new one. */
    Session borrow() {
        RapHost current = polling.current();
        for (Session session = idle.poll(); session != null; session = idle.poll()) {
            if (session.host().equals(current) && session.operations().isConnected()) {
                return session;
            }
            close(session);
        }
        return connect();
    }

    /**
     * Opens a remote file for reading, watched for stalls from the open to the close; the caller closes the stream
     * before it releases the session.
     */
    InputStream open(Session session, GenericFile<?> file) {
        WatchedTransfer transfer = new WatchedTransfer(session, file.getAbsoluteFilePath(), readTimeout);
        transfers.add(transfer);
        try {
            return transfer.open(() -> {
                // Camel's operations hand the stream over on an exchange; this one only carries it.
                Exchange carrier = new DefaultExchange(endpoint.getCamelContext());
                carrier.setProperty(Exchange.FILE_EXCHANGE_FILE, file);
                session.operations().retrieveFile(file.getAbsoluteFilePath(), carrier, file.getFileLength());
                InputStream content = carrier.getIn().getHeader(FtpConstants.REMOTE_FILE_INPUT_STREAM,
                        InputStream.class);
                if (content == null) {
                    throw new GenericFileOperationFailedException(
                            "No content stream for " + file.getAbsoluteFilePath());
                }
                return content;
            });
        } catch (RuntimeException e) {
            transfers.remove(transfer);
            throw e;
        }
    }

    /** Returns a session after a download; {@code healthy = false} closes it instead. */
    void release(Session session, boolean healthy) {
        transfers.removeIf(t -> t.session() == session);
        if (healthy) {
            idle.push(session);
        } else {
            close(session);
        }
    }

    /** Closes every session; called when the poll is over and no download is in flight. */
    void closeAll() {
        idle.clear();
        List<Session> sessions;
        synchronized (open) {
            sessions = List.copyOf(open);
        }
        sessions.forEach(this::close);
    }

    private Session connect() {
        while (true) {
            RapHost host = polling.current();
            CuttableSftpOperations operations = new CuttableSftpOperations(endpoint);
            operations.connect(endpoint.getConfiguration(), null);
            // AccountPolling.use() re-points the endpoint before it publishes the new host: if the host is still the
            // one read above, the endpoint pointed at it while connecting.
            if (polling.current().equals(host)) {
                Session session = new Session(operations, host);
                synchronized (open) {
                    open.add(session);
                }
                return session;
            }
            operations.forceDisconnect();
        }
    }

    private void close(Session session) {
        synchronized (open) {
            open.remove(session);
        }
        session.operations().forceDisconnect();
    }
}
