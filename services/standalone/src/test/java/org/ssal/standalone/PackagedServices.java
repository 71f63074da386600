package org.ssal.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;
import org.ssal.standalone.chaos.ChaosTarget;
import org.ssal.standalone.chaos.ServiceProcess;

/**
 * The four services as OS processes for the multi-process tests: {@code ssal chaos}'s own
 * {@link ServiceProcess} (stable instance ids, static group members, Streams state kept across a
 * kill), one per service, plus what the tests ask of the set (start all, the campaign API).
 */
final class PackagedServices implements AutoCloseable {
    private static final Path APPS = Path.of("..").toAbsolutePath().normalize(); // services/
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<ChaosTarget, ServiceProcess> processes = new EnumMap<>(ChaosTarget.class);

    /**
     * @param work      the processes' working dir; must exist and hold {@code artifacts/}
     * @param bootstrap {@code kafka.bootstrap.servers} of every service, on a one-broker cluster
     * @param oracleDelayMs the simulated oracle's time per label: what makes a round last long enough to be cut
     * @param options   further {@code -D} options of every service (a Kafka login), by service
     */
    PackagedServices(Path work, String bootstrap, long oracleDelayMs,
                     Function<ChaosTarget, List<String>> options) {
        ServiceProcess.Settings settings = new ServiceProcess.Settings(APPS, work, bootstrap, 1, 1, oracleDelayMs);
        for (ChaosTarget service : ChaosTarget.services()) {
            processes.put(service, new ServiceProcess(service, settings, options.apply(service)));
        }
    }

    /** Fails unless every service is packaged: services/standalone runs after them, it does not build them. */
    static void requirePackagedApps() {
        for (ChaosTarget service : ChaosTarget.services()) {
            Path jar = ServiceProcess.appJar(APPS, service);
            assertTrue(Files.isRegularFile(jar), jar + " is missing: the service modules are packaged before "
                    + "services/standalone runs its integration tests (mvn package -DskipTests -pl services/campaign,"
                    + "services/trainer,services/scorer,services/oracle -am)");
        }
    }

    /** Starts every service, then waits until each is ready. */
    void startAll() {
        processes.values().forEach(ServiceProcess::start);
        processes.values().forEach(PackagedServices::awaitReady);
    }

    ServiceProcess get(ChaosTarget service) {
        return processes.get(service);
    }

    /** SIGKILL: no shutdown hook, no clean leave of the group. */
    void kill(ChaosTarget service) {
        ServiceProcess p = processes.get(service);
        p.kill();
        System.out.printf("[processes] killed %s%n", p);
    }

    /** A new process with the same instance id, waited for until ready. */
    void restart(ChaosTarget service) {
        ServiceProcess p = processes.get(service);
        p.start();
        awaitReady(p);
        System.out.printf("[processes] restarted %s%n", p);
    }

    void ensureAllRunning() {
        for (ChaosTarget service : processes.keySet()) {
            if (!processes.get(service).alive()) {
                restart(service);
            }
        }
    }

    /**
     * POST /campaigns on the campaign process; fails unless it answers 202. A 503 (the tracker
     * rebalancing, which it may do again right after it was first ready) is asked again, as
     * {@code ssal chaos} does.
     */
    void createCampaign(Map<String, Object> body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(campaignUri("/campaigns"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .timeout(Duration.ofSeconds(30)).build();
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        await("POST /campaigns answered, not 503").atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> {
            last.set(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
            return last.get().statusCode() != 503;
        });
        assertEquals(202, last.get().statusCode(), "POST /campaigns: " + last.get().body());
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
        processes.values().forEach(p -> out.append("--- ").append(p.log().getFileName()).append('\n')
                .append(p.logTail()).append('\n'));
        return out.toString();
    }

    /** Kills what runs (SIGKILL) and waits for it. */
    @Override
    public void close() {
        processes.values().forEach(ServiceProcess::kill);
    }

    private URI campaignUri(String path) {
        return URI.create("http://127.0.0.1:" + processes.get(ChaosTarget.CAMPAIGN).httpPort() + path);
    }

    /** Ready: /q/health UP. Fails at once, with the log's tail, if the process exits. */
    private static void awaitReady(ServiceProcess p) {
        try {
            await(p + " ready").atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(p::ready);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(p + " not ready within " + STARTUP + ":\n" + p.logTail(), e);
        }
    }
}
