package org.ssal.standalone.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One Kafka node (broker and KRaft controller) as an OS process, run from the Kafka jars of a
 * packaged service ({@code kafka.Kafka server.properties}). Its log lives in a folder of its own
 * that survives a kill: the restarted node recovers it as after any unclean shutdown and comes
 * back on the same ports, so clients find it where it was. One node, or one of {@code n} forming
 * a cluster (every node a controller voter: with three, one may be down).
 */
public final class BrokerProcess {
    /** The ports of every node of the cluster, fixed for the whole run. */
    public record Cluster(List<Integer> ports, List<Integer> controllerPorts, String clusterId) {
        public static Cluster ofFreePorts(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("--brokers must be >= 1, got " + nodes);
            }
            return new Cluster(IntStream.range(0, nodes).mapToObj(i -> ServiceProcess.freePort()).toList(),
                    IntStream.range(0, nodes).mapToObj(i -> ServiceProcess.freePort()).toList(),
                    org.apache.kafka.common.Uuid.randomUuid().toString());
        }

        public int size() {
            return ports.size();
        }

        public String bootstrap() {
            return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        }

        /** Internal topics with at most 2 in sync: one node of three may be down and writes go on. */
        int minInsync() {
            return Math.min(2, size());
        }
    }

    private final Cluster cluster;
    private final int nodeId;
    private final Path dir;
    private final String classpath;
    private Process process;
    private int generation;

    /**
     * @param nodeId 1..cluster size
     * @param apps   the folder holding {@code campaign/target/quarkus-app}, whose lib/ has the Kafka jars
     */
    public BrokerProcess(Cluster cluster, int nodeId, Path work, Path apps) {
        this.cluster = cluster;
        this.nodeId = nodeId;
        this.dir = work.resolve("broker-" + nodeId);
        Path app = apps.resolve("campaign").resolve("target").resolve("quarkus-app");
        this.classpath = app.resolve("lib").resolve("boot") + "/*:" + app.resolve("lib").resolve("main") + "/*";
    }

    /** Formats the log folder on first use (with the cluster's id), then starts the node on it. */
    public void start() {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("server.properties");
            if (!Files.exists(config)) {
                writeConfig(config);
                run("format", List.of("kafka.tools.StorageTool", "format", "-t", cluster.clusterId(), "-c",
                        config.toString()));
            }
            generation++;
            process = new ProcessBuilder(command(List.of("kafka.Kafka", config.toString())))
                    .redirectErrorStream(true).redirectOutput(log().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start broker " + nodeId + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    public void kill() {
        Chaos.killHard(process);
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Ready: the node answers a cluster description on its own port and is a member of it. */
    public boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("broker " + nodeId + " exited with " + process.exitValue() + ":\n"
                    + Chaos.tail(log(), 25));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + cluster.ports().get(nodeId - 1));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(props)) {
            return admin.describeCluster().nodes().get(4, TimeUnit.SECONDS).stream().anyMatch(n -> n.id() == nodeId);
        } catch (Exception e) {
            return false; // not up yet: asked again
        }
    }

    public Path log() {
        return dir.resolve("broker." + generation + ".log");
    }

    @Override
    public String toString() {
        return "broker-" + nodeId + (process == null ? "" : " (pid " + process.pid() + ")");
    }

    private void writeConfig(Path file) throws IOException {
        int n = cluster.size();
        String voters = IntStream.rangeClosed(1, n)
                .mapToObj(i -> i + "@127.0.0.1:" + cluster.controllerPorts().get(i - 1)).collect(Collectors.joining(","));
        Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(nodeId));
        config.put("controller.quorum.voters", voters);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + cluster.ports().get(nodeId - 1)
                + ",CONTROLLER://127.0.0.1:" + cluster.controllerPorts().get(nodeId - 1));
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + cluster.ports().get(nodeId - 1));
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", dir.resolve("log").toString());
        config.put("offsets.topic.replication.factor", Integer.toString(n));
        config.put("offsets.topic.num.partitions", "5"); // 50 by default: slow to create on 2 cores, no use here
        config.put("transaction.state.log.replication.factor", Integer.toString(n));
        config.put("transaction.state.log.min.isr", Integer.toString(cluster.minInsync()));
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", Integer.toString(n));
        config.put("share.coordinator.state.topic.min.isr", Integer.toString(cluster.minInsync()));
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("auto.create.topics.enable", "false");
        Files.writeString(file, config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
    }

    private List<String> command(List<String> mainAndArgs) {
        List<String> command = new java.util.ArrayList<>(List.of(ServiceProcess.javaBinary(), "-Xmx512m",
                "-XX:+UseSerialGC", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", classpath));
        command.addAll(mainAndArgs);
        return command;
    }

    private void run(String what, List<String> mainAndArgs) throws IOException {
        Path out = dir.resolve(what + ".log");
        Process p = new ProcessBuilder(command(mainAndArgs)).redirectErrorStream(true).redirectOutput(out.toFile())
                .start();
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("broker " + nodeId + ": " + what + " failed:\n" + Chaos.tail(out, 15));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what + " of broker " + nodeId, e);
        }
    }
}
