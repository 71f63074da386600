package org.ssal.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Where the in-JVM broker listens: {@code host:port} for clients (printed at start, vendors'
 * oracles connect there) and {@code controllerPort} for its own KRaft controller.
 */
record BrokerAddress(String host, int port, int controllerPort) {
    /** Loopback, two ports free right now: for runs whose clients are all in this JVM ({@code demo --home}). */
    static BrokerAddress anyFreeLoopback() {
        return new BrokerAddress("127.0.0.1", freePort(), freePort());
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the in-JVM broker", e);
        }
    }
}
