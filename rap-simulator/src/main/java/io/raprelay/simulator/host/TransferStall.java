package io.raprelay.simulator.host;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fault switch: once armed, every file read on the host stops after a given number of bytes and hangs until released,
 * as a transfer that stalls mid-file does.
 */
public final class TransferStall {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private volatile long afterBytes = -1;

    /** Stall every transfer once it has read {@code bytes} bytes of a file. */
    public void arm(long bytes) {
        afterBytes = bytes;
    }

    /** Let stalled transfers go on, and new ones run freely. */
    public void release() {
        lock.lock();
        try {
            afterBytes = -1;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isArmed() {
        return afterBytes >= 0;
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
