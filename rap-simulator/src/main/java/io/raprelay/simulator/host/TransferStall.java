package io.raprelay.simulator.host;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Fault switch: once armed, every file read on the host stops after a given number of bytes and hangs until released,
 * as a transfer that stalls mid-file does; armed for listings, every directory listing hangs until released. The SSH
 * connection meanwhile answers as usual (keep-alives included), as a server whose file service hangs does.
 */
public final class TransferStall {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private volatile long afterBytes = -1;
    private volatile boolean listings;

    /** Stall every transfer once it has read {@code bytes} bytes of a file. */
    public void arm(long bytes) {
        afterBytes = bytes;
    }

    /** Hang every directory listing (its open) until released. */
    public void armListings() {
        listings = true;
    }

    /** Let stalled transfers and listings go on, and new ones run freely. */
    public void release() {
        lock.lock();
        try {
            afterBytes = -1;
            listings = false;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isArmed() {
        return afterBytes >= 0 || listings;
    }

    /** Waits while listings are stalled, until released or the client's session closes. */
    void awaitListing(BooleanSupplier sessionOpen) throws IOException {
        lock.lock();
        try {
            while (listings) {
                if (!sessionOpen.getAsBoolean()) {
                    throw new ClosedChannelException();
                }
                released.await(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Listing interrupted while stalled");
        } finally {
            lock.unlock();
        }
    }

    /** How many bytes a read at {@code position} may return now; waits while the stall holds it at the limit. */
    long allowance(long position, int wanted, Channel channel) throws IOException {
        lock.lock();
        try {
            while (afterBytes >= 0 && position >= afterBytes) {
                if (!channel.isOpen()) {
                    throw new ClosedChannelException();
                }
                released.await(200, TimeUnit.MILLISECONDS);
            }
            long limit = afterBytes;
            return limit < 0 ? wanted : Math.min(wanted, limit - position);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Transfer interrupted while stalled");
        } finally {
            lock.unlock();
        }
    }
}
