package org.ssal.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.ssal.service.EmbeddedBroker;
import org.ssal.service.SsalHome;
import org.ssal.service.security.KafkaSecurity;

/**
 * The services' state under one locked {@link SsalHome}: the durable in-JVM broker in
 * {@code kafka/} (or an external cluster), Kafka Streams state in {@code streams/}, the artifact
 * store in {@code artifacts/}, and a stable instance id, so that a process started again on the
 * same home — after a stop or a {@code kill -9} — resumes every campaign where it stood.
 *
 * <p>Why a stable instance id: it gives every consumer static group membership and every producer
 * the same transactional id as before the kill, so the restarted process takes its partitions back
 * at once and aborts its predecessor's open transactions at once, instead of waiting for session
 * and transaction timeouts.
 */
final class HomeRuntime implements AutoCloseable {
    private static final String BUDGET_TRACKER = "ssal-budget-tracker";

    private final SsalHome home;
    private final EmbeddedBroker broker;
    private final String bootstrapServers;
    private final String instanceId;
    private final Path streamsDir;

    private HomeRuntime(SsalHome home, EmbeddedBroker broker, String bootstrapServers, String instanceId,
                        Path streamsDir) {
        this.home = home;
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.instanceId = instanceId;
        this.streamsDir = streamsDir;
    }

    /**
     * Locks the home and starts its broker, unless {@code externalKafka} names a cluster.
     *
     * @throws IllegalStateException when another process holds the home, or a port is taken
     */
    static HomeRuntime open(SsalHome home, String externalKafka, BrokerAddress address) {
        home.lock();
        EmbeddedBroker broker = null;
        try {
            if (externalKafka == null) {
                broker = EmbeddedBroker.startDurable(home.kafka(), address.host(), address.port(),
                        address.controllerPort());
            }
            String servers = broker != null ? broker.bootstrapServers() : externalKafka;
            // Streams' local stores hold offsets of one cluster: a home used with the in-JVM broker
            // and later with --kafka must not hand the one's state to the other
            Path streamsDir = home.streams().resolve(clusterId(servers));
            return new HomeRuntime(home, broker, servers, instanceId(home), streamsDir);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            home.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    boolean hasEmbeddedBroker() {
        return broker != null;
    }

    SsalHome home() {
        return home;
    }

    /** What the services must read so that their state lives in this home (set as system properties). */
    Map<String, String> serviceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("kafka-streams.state.dir", streamsDir.toString());
        properties.put("ssal.artifacts.dir", home.artifacts().toString());
        properties.put("ssal.instance-id", instanceId);
        // Streams suffixes it per stream thread; static membership as for the other services
        properties.put("kafka-streams.group.instance.id", BUDGET_TRACKER + "-" + instanceId);
        return properties;
    }

    /** Two lines for the console: where the state is and where vendors find the broker. */
    String describe() {
        return "ssal: home " + home + " (broker log kafka/, Streams state streams/, artifacts artifacts/)\n"
                + "ssal: Kafka at " + bootstrapServers + (broker != null ? " (in-JVM broker)" : "");
    }

    @Override
    public void close() {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            home.close();
        }
    }

    /** Made on first use and kept in the home, so it is the same after every restart. */
    private static String instanceId(SsalHome home) {
        Path file = home.root().resolve("instance-id");
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            // unique per home: two homes serving on one external cluster must not fence each other
            String id = "serve-" + UUID.randomUUID().toString().substring(0, 8);
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the instance id in " + file, e);
        }
    }

    private static String clusterId(String bootstrapServers) {
        try (Admin admin = Admin.create(KafkaSecurity.secure(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)))) {
            return admin.describeCluster().clusterId().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + bootstrapServers + " for its cluster id", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " does not answer: " + e, e);
        }
    }
}
