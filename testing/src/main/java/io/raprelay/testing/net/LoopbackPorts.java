package io.raprelay.testing.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports for servers that must be told their port before they bind (Kafka's controller, a process started
 * with {@code -Dquarkus.http.port}). All sockets of one reservation stay bound until every port is chosen, so the ports
 * of one call are always distinct; asking twice for "a free port" can return the same one. Servers that can bind port
 * 0 themselves and report it should do that instead.
 */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** {@code count} distinct loopback ports, free at the moment of return. */
    public static int[] reserve(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sockets.forEach(LoopbackPorts::closeQuietly);
        }
    }

    /** One loopback port, free at the moment of return. */
    public static int reserve() {
        return reserve(1)[0];
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing was served on it
        }
    }
}
