package io.raprelay.fetcher.poll;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One download's remote stream, watched for stalls: it notes when it starts waiting on RAP (opening, each read,
 * closing) and when it stops; {@link DownloadSessions}' watchdog cuts the session of a transfer that has waited longer
 * than the read timeout. JSch's own socket timeout does not cover this: its keep-alives are answered by a server whose
 * file transfer hangs, and a read then waits for ever.
 */
final class WatchedTransfer extends InputStream {

    private static final long NOT_WAITING = 0;

    private final DownloadSessions.Session session;
    private final String path;
    private final Duration timeout;
    private InputStream content;
    /** System.nanoTime() when the current wait on RAP began; NOT_WAITING between waits. */
    private volatile long waitingSince = NOT_WAITING;
    private volatile boolean cut;

    WatchedTransfer(DownloadSessions.Session session, String path, Duration timeout) {
        this.session = session;
        this.path = path;
        this.timeout = timeout;
    }

    /** Cuts the session if this transfer has waited on RAP longer than the timeout; true if it did. */
    boolean cutIfStalled(long now) {
        long since = waitingSince;
        if (since == NOT_WAITING || now - since < timeout.toNanos() || cut) {
            return false;
        }
        cut = true;
        session.operations().cut();
        return true;
    }

    /** Runs {@code opening} (the SFTP open) as one wait on RAP, and reads what it opened from then on. */
    WatchedTransfer open(Supplier<InputStream> opening) {
        waiting();
        try {
            content = opening.get();
        } catch (RuntimeException e) {
            if (cut) {
                throw new UncheckedIOException(stalled(e));
            }
            throw e;
        } finally {
            done();
        }
        return this;
    }

    @Override
    public int read() throws IOException {
        waiting();
        try {
            return checked(content.read());
        } catch (IOException e) {
            throw cut ? stalled(e) : e;
        } finally {
            done();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        waiting();
        try {
            return checked(content.read(buffer, offset, length));
        } catch (IOException e) {
            throw cut ? stalled(e) : e;
        } finally {
            done();
        }
    }

    @Override
    public void close() throws IOException {
        waiting();
        try {
            content.close();
        } catch (IOException e) {
            throw cut ? stalled(e) : e;
        } finally {
            done();
        }
    }

    DownloadSessions.Session session() {
        return session;
    }

    /** What a read returned, unless the session was cut meanwhile: then whatever it returned is not the file. */
    private int checked(int read) throws IOException {
        if (cut) {
            throw stalled(null);
        }
        return read;
    }

    private SocketTimeoutException stalled(Exception cause) {
        SocketTimeoutException stalled = new SocketTimeoutException(session.host().address()
                + " sent nothing for " + timeout.toSeconds() + " s while " + path
                + " was being read (read timeout): the session was cut, the file is fetched again on the next poll");
        if (cause != null) {
            stalled.initCause(cause);
        }
        return stalled;
    }

    private void waiting() {
        long now = System.nanoTime();
        waitingSince = now == NOT_WAITING ? 1 : now;
    }

    private void done() {
        waitingSince = NOT_WAITING;
    }
}
