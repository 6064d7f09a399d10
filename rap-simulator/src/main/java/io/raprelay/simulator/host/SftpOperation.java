package io.raprelay.simulator.host;

import java.time.Instant;

/**
 * One thing a client did on a simulated host: an SFTP request (OPEN, READ, OPENDIR, STAT, WRITE, REMOVE, ...), a
 * login decision (AUTH) or a refusal.
 *
 * @param session
 *            the SSH session's id on that host, to tell one client's operations from another's
 * @param path
 *            the path involved, where the simulator knows it
 * @param refused
 *            true when the simulator refused the operation (writes on a read-only RAP, failed logins)
 */
public record SftpOperation(Instant at, String host, String user, long session, String operation, String path,
        boolean refused, String detail) {
}
