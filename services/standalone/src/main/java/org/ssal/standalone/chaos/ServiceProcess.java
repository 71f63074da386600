package org.ssal.standalone.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One ssal service as an OS process, started from its packaged app
 * ({@code <apps>/<service>/target/quarkus-app/quarkus-run.jar}) as deploy/local starts it, under a
 * stable instance id: a restarted process joins its consumer groups as the same static member
 * ({@code group.instance.id}) and so takes the killed one's partitions back at once, and its
 * transactional producers fence the killed one's open transactions at once. Nobody removes the
 * killed member from its group: a production cluster has no one who would.
 */
public final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param apps              the folder holding {@code <service>/target/quarkus-app}
     * @param work              where logs, artifacts and Streams state go
     * @param replicationFactor the topics' replication factor the services must find (and the Streams internal topics get)
     * @param oracleDelayMs     the simulated oracle's time per label: what makes a round last long enough to be cut
     */
    public record Settings(Path apps, Path work, String bootstrap, int replicationFactor, int minInsyncReplicas,
                           long oracleDelayMs) {
    }

    private final ChaosTarget target;
    private final Settings settings;
    private final int httpPort;
    private final String instanceId;
    private final List<String> options;
    private Process process;
    private int generation;
    private boolean wasReady;

    public ServiceProcess(ChaosTarget target, Settings settings) {
        this(target, settings, List.of());
    }

    /**
     * @param options further {@code -D} options, after the ones above so that they win (the tests'
     *                Kafka logins on a secured broker)
     */
    public ServiceProcess(ChaosTarget target, Settings settings, List<String> options) {
        if (!target.isService()) {
            throw new IllegalArgumentException(target + " is not a service");
        }
        this.target = target;
        this.settings = settings;
        this.httpPort = freePort();
        this.instanceId = target.label() + "-1";
        this.options = List.copyOf(options);
    }

    /** The packaged app of {@code service} under {@code apps}. */
    public static Path appJar(Path apps, ChaosTarget service) {
        return apps.resolve(service.label()).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    public ChaosTarget target() {
        return target;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Starts a new process (the next generation writes its own log). */
    public void start() {
        generation++;
        wasReady = false;
        List<String> command = new ArrayList<>(List.of(
                javaBinary(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.bytedeco.javacpp.maxbytes=1G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2G",
                "-Dkafka.bootstrap.servers=" + settings.bootstrap(),
                "-Dssal.artifacts.dir=" + settings.work().resolve("artifacts"),
                "-Dssal.instance-id=" + instanceId,
                "-Dssal.topics.replication-factor=" + settings.replicationFactor(),
                "-Dssal.topics.min-insync-replicas=" + settings.minInsyncReplicas(),
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.banner.enabled=false",
                // the budget tracker: its state dir survives the kill (Streams keeps its process id
                // there, so the restarted one has the same transactional ids), and its main consumer
                // is a static member as the other services' consumers are
                "-Dkafka-streams.state.dir=" + settings.work().resolve(instanceId).resolve("kstreams"),
                "-Dkafka-streams.group.instance.id=" + instanceId,
                "-Dkafka-streams.replication.factor=" + settings.replicationFactor(),
                "-Dssal.oracle.delay-ms=" + settings.oracleDelayMs(),
                // the chaos run is about processes and restarts, not tokens (CampaignApiAuthIT is)
                "-Dssal.auth.enabled=false"));
        command.addAll(options);
        command.addAll(List.of("-jar", appJar(settings.apps(), target).toString()));
        try {
            process = new ProcessBuilder(command).directory(settings.work().toFile()).redirectErrorStream(true)
                    .redirectOutput(log().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + instanceId + ": " + e.getMessage(), e);
        }
    }

    /** SIGKILL (destroyForcibly on Linux): no shutdown hook runs, the process leaves no group. */
    public void kill() {
        Chaos.killHard(process);
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * Ready: {@code /q/health} answers UP, that is the budget tracker's Streams RUNNING (campaign)
     * or the event processor running (trainer, scorer, oracle).
     *
     * @throws IllegalStateException with the log's tail when the process has exited
     */
    public boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(instanceId + " exited with " + process.exitValue() + ":\n" + logTail());
        }
        boolean ready = httpStatus("/q/health") == 200;
        wasReady |= ready;
        return ready;
    }

    /**
     * The process runs but its liveness check says DOWN after it had been ready: its event
     * processor stopped for good (e.g. its producer was fenced), and an orchestrator's liveness
     * probe would restart it. Before it was first ready, DOWN only means it is still starting.
     */
    public boolean stoppedWorking() {
        return wasReady && process.isAlive() && httpStatus("/q/health/live") == 503;
    }

    public int httpStatus(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public Path log() {
        return settings.work().resolve(instanceId + "." + generation + ".log");
    }

    public String logTail() {
        return Chaos.tail(log(), 25);
    }

    @Override
    public String toString() {
        return instanceId + (process == null ? "" : " (pid " + process.pid() + ")");
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on this machine", e);
        }
    }
}
