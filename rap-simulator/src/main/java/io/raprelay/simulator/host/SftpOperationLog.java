package io.raprelay.simulator.host;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every SFTP request and login decision on every simulated host, so tests can prove what a client did. Keeps
 * the most recent {@value #CAPACITY} entries.
 */
public final class SftpOperationLog {

    private static final Logger LOG = LoggerFactory.getLogger(SftpOperationLog.class);
    private static final int CAPACITY = 200_000;

    private final ConcurrentLinkedDeque<SftpOperation> operations = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong sessionIds = new AtomicLong();
    private final Map<ServerSession, Long> sessions = new WeakHashMap<>();

    /** All recorded operations, oldest first. */
    public List<SftpOperation> all() {
        return List.copyOf(operations);
    }

    /** The operations of one user on one host. */
    public List<SftpOperation> of(String host, String user) {
        return operations.stream().filter(o -> o.host().equals(host) && user.equals(o.user())).toList();
    }

    /** The SFTP requests (OPEN, READ, ...) a user sent anywhere, in order; logins and refusals are separate entries. */
    public Collection<String> requestsBy(String user) {
        return operations.stream()
                .filter(o -> user.equals(o.user()) && !"AUTH".equals(o.operation()) && !o.refused())
                .map(SftpOperation::operation)
                .toList();
    }

    public void clear() {
        operations.clear();
        size.set(0);
    }

    void login(String host, String user, ServerSession session, boolean accepted, String detail) {
        add(new SftpOperation(Instant.now(), host, user, sessionId(session), "AUTH", null, !accepted, detail));
        if (accepted) {
            LOG.info("[{}] login accepted for user '{}': {}", host, user, detail);
        } else {
            LOG.warn("[{}] login refused for user '{}': {}", host, user, detail);
        }
    }

    void refused(String host, ServerSession session, String operation, String path, String detail) {
        add(new SftpOperation(Instant.now(), host, session.getUsername(), sessionId(session), operation, path, true,
                detail));
        LOG.warn("[{}] refused {} on '{}' for user '{}': {}", host, operation, path, session.getUsername(), detail);
    }

    /** A listener that records each SFTP request type as it arrives. */
    SftpEventListener listenerFor(String host) {
        return new SftpEventListener() {
            @Override
            public void received(ServerSession session, int type, int id) {
                String name = SftpConstants.getCommandMessageName(type).replace("SSH_FXP_", "");
                add(new SftpOperation(Instant.now(), host, session.getUsername(), sessionId(session), name, null,
                        false, null));
            }
        };
    }

    private synchronized long sessionId(ServerSession session) {
        return sessions.computeIfAbsent(session, s -> sessionIds.incrementAndGet());
    }

    private void add(SftpOperation operation) {
        operations.addLast(operation);
        if (size.incrementAndGet() > CAPACITY) {
            operations.pollFirst();
            size.decrementAndGet();
        }
    }
}
