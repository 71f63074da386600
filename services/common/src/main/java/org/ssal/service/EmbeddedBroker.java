package org.ssal.service;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (KRaft, single node) inside this JVM, built from the Kafka jars:
 * the embedded default of ssal and the broker of the tests. No Docker needed.
 *
 * <p>Two kinds: {@link #start()} is throw-away (random port, log deleted on close) for tests and
 * demos; {@link #startDurable} keeps its log and metadata in a folder and listens on fixed ports,
 * so a restart — also after {@code kill -9}, which Kafka recovers from like any unclean shutdown
 * — finds every topic, record, committed offset and transaction where it was, and vendors find
 * it at the same address.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;

    private EmbeddedBroker(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** Starts a throw-away broker on a free port of 127.0.0.1 (a few seconds). */
    public static EmbeddedBroker start() {
        return start(0);
    }

    /** Starts a throw-away broker on the given port of 127.0.0.1 (0 = any free port). */
    public static EmbeddedBroker start(int port) {
        EmbeddedKafkaBroker configured = new EmbeddedKafkaBroker();
        if (port > 0) {
            configured = configured.withKafkaPort(port);
        }
        return new EmbeddedBroker(configured.withKafkaHost("127.0.0.1").withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(EmbeddedBroker::singleNode).start());
    }

    /**
     * Starts a broker whose log lives in {@code dir} (created and formatted on first use, reused
     * after), listening on {@code host:port} for clients and {@code controllerPort} for its own
     * KRaft controller.
     *
     * @throws IllegalStateException naming the port when it is taken
     */
    public static EmbeddedBroker startDurable(Path dir, String host, int port, int controllerPort) {
        requireFree(host, port, "Kafka port");
        requireFree(host, controllerPort, "Kafka controller port");
        Path logDir = dir.resolve("log");
        String clusterId = clusterId(dir);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaHost(host).withKafkaPort(port).withControllerPort(controllerPort)
                .withClusterId(clusterId)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(props -> {
                    singleNode(props);
                    props.put("log.dir", logDir.toString());
                    // flush on the OS's schedule as Kafka does by default; durability across a
                    // process kill comes from the page cache, across a power loss from replicas
                })
                .start();
        return new EmbeddedBroker(broker);
    }

    private static void singleNode(Properties props) {
        // one node: internal topics cannot have more replicas than that
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
    }

    /** The cluster id of a durable broker: made once, kept next to its log (the log is formatted with it). */
    private static String clusterId(Path dir) {
        Path file = dir.resolve("cluster-id");
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the broker's cluster id in " + dir, e);
        }
    }

    private static void requireFree(String host, int port, String what) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be in 1..65535, got " + port);
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException(what + " " + port + " on " + host + " is in use (another ssal serve or "
                    + "Kafka broker?); choose another one", e);
        }
    }

    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replaceFirst("^[A-Z_]+://", "");
    }

    @Override
    public void close() {
        broker.close();
    }
}
