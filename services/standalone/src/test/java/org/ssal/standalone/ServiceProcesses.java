package org.ssal.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The four services as separate OS processes, started from their packaged apps
 * ({@code services/<name>/target/quarkus-app}) as deploy/local does: one JVM per service, each
 * with its own instance id, HTTP port, Kafka Streams state dir and log under {@code work}, all
 * sharing one artifacts dir. What a test adds per service (an oracle delay, a Kafka login) comes
 * from {@code options}: system properties, e.g. {@code -Dssal.oracle.delay-ms=50}.
 */
final class ServiceProcesses implements AutoCloseable {
    static final List<String> SERVICES = List.of("campaign", "trainer", "scorer", "oracle");
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path work;
    private final String bootstrap;
    private final Function<String, List<String>> options;
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();

    /** One running service instance: its process, instance id, HTTP port and log. */
    record ServiceProcess(String service, String instanceId, Process process, int httpPort, Path log) {
        String logTail() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
            } catch (IOException | UncheckedIOException e) {
                return "(no log: " + e + ")";
            }
        }

        boolean logContains(String text) {
            try {
                return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
            } catch (IOException e) {
                return false;
            }
        }
    }

    /**
     * @param work      the processes' working dir; must exist and hold {@code artifacts/}
     * @param bootstrap {@code kafka.bootstrap.servers} of every service
     * @param options   the extra {@code -D} options of one service, by service name
     */
    ServiceProcesses(Path work, String bootstrap, Function<String, List<String>> options) {
        this.work = work;
        this.bootstrap = bootstrap;
        this.options = options;
    }

    /** Fails unless every service is packaged: services/standalone runs after them, it does not build them. */
    static void requirePackagedApps() {
        for (String service : SERVICES) {
            Path jar = appJar(service);
            assertTrue(Files.isRegularFile(jar), jar + " is missing: the service modules are packaged before "
                    + "services/standalone runs its integration tests (mvn package -DskipTests -pl services/campaign,"
                    + "services/trainer,services/scorer,services/oracle -am)");
        }
    }

    /** Starts every service, then waits until each is ready. */
    void startAll() throws IOException {
        for (String service : SERVICES) {
            launch(service);
        }
        for (String service : SERVICES) {
            awaitReady(running.get(service));
        }
    }

    ServiceProcess launch(String service) throws IOException {
        String instanceId = service + "-1"; // stable: the restarted instance fences its predecessor at once
        int generation = 1;
        while (Files.exists(work.resolve(instanceId + "." + generation + ".log"))) {
            generation++;
        }
        Path log = work.resolve(instanceId + "." + generation + ".log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.bytedeco.javacpp.maxbytes=1G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2G",
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dssal.artifacts.dir=" + work.resolve("artifacts"),
                "-Dssal.instance-id=" + instanceId,
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.banner.enabled=false",
                "-Dkafka-streams.state.dir=" + work.resolve(instanceId).resolve("kstreams")));
        command.addAll(options.apply(service));
        command.addAll(List.of("-jar", appJar(service).toString()));
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServiceProcess started = new ServiceProcess(service, instanceId, process, port, log);
        running.put(service, started);
        return started;
    }

    /** Ready: the campaign API answers, a processor logs that it consumes. Fails at once if the process exits. */
    void awaitReady(ServiceProcess p) {
        try {
            await(p.instanceId() + " ready").atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!p.process().isAlive()) {
                    throw new AssertionError(p.instanceId() + " exited with " + p.process().exitValue() + ":\n"
                            + p.logTail());
                }
                return p.service().equals("campaign") ? httpStatus(p.httpPort(), "/campaigns") == 200
                        : p.logContains(p.service() + " consuming");
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(p.instanceId() + " not ready within " + STARTUP + ":\n" + p.logTail(), e);
        }
    }

    /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, no clean leave of the group. */
    ServiceProcess kill(String service) throws InterruptedException {
        ServiceProcess p = running.get(service);
        p.process().destroyForcibly();
        p.process().waitFor();
        System.out.printf("[processes] killed %s (pid %d, exit %d)%n", p.instanceId(), p.process().pid(),
                p.process().exitValue());
        return p;
    }

    /** A new process with the same instance id, waited for until ready. */
    void restart(String service) throws IOException {
        ServiceProcess p = launch(service);
        awaitReady(p);
        System.out.printf("[processes] restarted %s (pid %d)%n", p.instanceId(), p.process().pid());
    }

    void ensureAllRunning() throws IOException {
        for (String service : SERVICES) {
            ServiceProcess p = running.get(service);
            if (p == null || !p.process().isAlive()) {
                restart(service);
            }
        }
    }

    ServiceProcess get(String service) {
        return running.get(service);
    }

    /** The campaign process' REST API. */
    URI campaignUri(String path) {
        return URI.create("http://127.0.0.1:" + running.get("campaign").httpPort() + path);
    }

    /** POST /campaigns on the campaign process; fails unless it answers 202. */
    void createCampaign(Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(campaignUri("/campaigns"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), "POST /campaigns: " + response.body());
    }

    /** GET /campaigns/{id} on the campaign process; fails unless it answers 200. */
    JsonNode getCampaign(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(campaignUri("/campaigns/" + id))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "GET /campaigns/" + id + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** The last lines of every service's current log, for a failure message. */
    String logTails() {
        StringBuilder out = new StringBuilder();
        running.values().forEach(p -> out.append("--- ").append(p.log().getFileName()).append('\n')
                .append(p.logTail()).append('\n'));
        return out.toString();
    }

    /** Kills what runs (SIGKILL) and waits for it. */
    @Override
    public void close() {
        running.values().forEach(p -> p.process().destroyForcibly());
        running.values().forEach(p -> {
            try {
                p.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        running.clear();
    }

    private static Path appJar(String service) {
        return Path.of("..", service, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int httpStatus(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
