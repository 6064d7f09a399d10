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

    private final DownloadSessions.Session session;
    private final String path;
    private final Duration timeout;
    private final StallWatch watch;
    private InputStream content;

    WatchedTransfer(DownloadSessions.Session session, String path, Duration timeout) {
        this.session = session;
        this.path = path;
        this.timeout = timeout;
        this.watch = new StallWatch(timeout, session.operations()::cut);
    }

    /** Cuts the session if this transfer has waited on RAP longer than the timeout; true if it did. */
    boolean cutIfStalled(long now) {
        return watch.cutIfStalled(now);
    }

    /** Runs {@code opening} (the SFTP open) as one wait on RAP, and reads what it opened from then on. */
    WatchedTransfer open(Supplier<InputStream> opening) {
        watch.waiting();
        try {
            content = opening.get();
        } catch (RuntimeException e) {
            if (watch.wasCut()) {
                throw new UncheckedIOException(stalled(e));
            }
            throw e;
        } finally {
            watch.done();
        }
        return this;
    }

    @Override
    public int read() throws IOException {
        watch.waiting();
        try {
            return checked(content.read());
        } catch (IOException e) {
            throw watch.wasCut() ? stalled(e) : e;
        } finally {
            watch.done();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        watch.waiting();
        try {
            return checked(content.read(buffer, offset, length));
        } catch (IOException e) {
            throw watch.wasCut() ? stalled(e) : e;
        } finally {
            watch.done();
        }
    }

    @Override
    public void close() throws IOException {
        watch.waiting();
        try {
            content.close();
        } catch (IOException e) {
            throw watch.wasCut() ? stalled(e) : e;
        } finally {
            watch.done();
        }
    }

    DownloadSessions.Session session() {
        return session;
    }

    /** What a read returned, unless the session was cut meanwhile: then whatever it returned is not the file. */
    private int checked(int read) throws IOException {
        if (watch.wasCut()) {
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
}
