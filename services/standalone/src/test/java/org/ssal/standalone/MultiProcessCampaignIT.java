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
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignStatus;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.LabelReceived;
import org.ssal.events.LabeledSample;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.schemas.Topics;
import org.ssal.service.EmbeddedBroker;
import org.ssal.service.EventLog;
import org.ssal.service.TopicAdmin;

/**
 * The distributed deployment for real: a Kafka broker (in this JVM) and the four services as
 * separate OS processes, started from their packaged apps ({@code services/<name>/target/quarkus-app}),
 * as deploy/local does. Services are killed with SIGKILL in the middle of a campaign and restarted
 * with the same instance id; each campaign must still finish with the budget spent exactly, every
 * round queried and evaluated once, and every label counted once.
 *
 * <p>A restarted instance gets its partitions back only when the consumer group has dropped the
 * killed member: after its session timeout (45 s by default) or when an operator removes it. To
 * keep the test short it removes the killed member at once, as an operator would
 * ({@code kafka-consumer-groups --delete}-style, through {@code Admin.removeMembersFromConsumerGroup});
 * {@code -Dssal.it.evict-killed=false} waits for the session timeout instead (about 45 s per restart).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiProcessCampaignIT {
    private static final int BUDGET = 120;
    private static final int INITIAL = 20;
    private static final int BATCH = 20;
    private static final long ORACLE_DELAY_MS = 50; // a batch of 20 takes ~1 s to label: time to kill mid-round
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final Duration CAMPAIGN = Duration.ofMinutes(3);
    private static final List<String> SERVICES = List.of("campaign", "trainer", "scorer", "oracle");
    private static final boolean EVICT_KILLED = Boolean.parseBoolean(System.getProperty("ssal.it.evict-killed", "true"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static EmbeddedBroker broker;
    private static String bootstrap;
    private static Path work;
    private static final Map<String, ServiceProcess> running = new LinkedHashMap<>();

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

    @BeforeAll
    static void startBrokerAndServices() throws Exception {
        for (String service : SERVICES) {
            Path jar = appJar(service);
            assertTrue(Files.isRegularFile(jar), jar + " is missing: the service modules are packaged before "
                    + "services/standalone runs its integration tests (mvn install -DskipTests at the root)");
        }
        work = Path.of("target", "multi-process-it").toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work.resolve("artifacts"));
        broker = EmbeddedBroker.start();
        bootstrap = broker.bootstrapServers();
        TopicAdmin.ensureTopics(bootstrap, 2);
        long start = System.nanoTime();
        for (String service : SERVICES) {
            launch(service);
        }
        for (String service : SERVICES) {
            awaitReady(running.get(service));
        }
        System.out.printf("[multi-process] broker %s and 4 service processes up in %.1f s%n", bootstrap,
                (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    static void stopEverything() {
        running.values().forEach(p -> p.process().destroyForcibly());
        running.values().forEach(p -> {
            try {
                p.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        running.clear();
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void scorerKilledAfterRoundOneIsEvaluatedAndRestarted() throws Exception {
        ensureAllRunning();
        String id = "mp-scorer-" + System.currentTimeMillis();
        try (CampaignTrace trace = new CampaignTrace(id)) {
            createCampaign(id);
            awaitTrace(trace, "round 1 evaluated", () -> trace.evaluations.stream().anyMatch(r -> r.getRound() == 1));

            kill("scorer");
            long restarted = System.nanoTime();
            restart("scorer");

            awaitCompletion(trace);
            System.out.printf("[multi-process] %s: finished %.1f s after the scorer was killed%n", id,
                    (System.nanoTime() - restarted) / 1e9);
            assertFinishedExactlyOnce(trace);
        }
    }

    @Test
    @Order(2)
    void trainerKilledWhileEmbeddingAndOracleKilledMidRound() throws Exception {
        ensureAllRunning();
        String id = "mp-trainer-oracle-" + System.currentTimeMillis();
        try (CampaignTrace trace = new CampaignTrace(id)) {
            createCampaign(id);
            // right after the 202: the trainer has at most begun to load the data and embed the pool
            kill("trainer");
            trace.drain(); // the campaign waits for the trainer now: read all there is
            boolean embeddedAlready = !trace.embeddings.isEmpty(); // committed before the kill, if at all
            restart("trainer");

            // the first round whose batch is out and whose labels are not (the oracle labels at 50 ms a sample)
            int[] midRound = {-1};
            awaitTrace(trace, "a query batch being labeled", () -> {
                for (QueryBatch batch : trace.batches) {
                    if (trace.labels.stream().noneMatch(l -> l.getRound() == batch.getRound())) {
                        midRound[0] = batch.getRound();
                        return true;
                    }
                }
                return false;
            });
            kill("oracle");
            trace.drain(); // the round waits for the oracle now: read all there is
            long labelsOfThatRound = trace.labels.stream().filter(l -> l.getRound() == midRound[0]).count();
            restart("oracle");
            System.out.printf("[multi-process] %s: trainer killed %s embeddings; oracle killed in round %d with "
                            + "%d of its labels committed%n", id, embeddedAlready ? "after" : "before",
                    midRound[0], labelsOfThatRound);

            awaitCompletion(trace);
            assertFinishedExactlyOnce(trace);
        }
    }

    // ---- the checks

    private static void assertFinishedExactlyOnce(CampaignTrace trace) throws Exception {
        trace.drain(); // whatever a restarted service might still have emitted twice
        BudgetState last = trace.lastState;
        assertEquals(CampaignStatus.COMPLETED, last.getStatus(), "final status");
        assertEquals(BUDGET, last.getLabeled(), "labeled == budget");
        assertEquals(BUDGET, last.getQueried(), "queried == budget");
        assertEquals(0, last.getRemaining(), "remaining");

        // exactly one query batch and one evaluation per round, rounds 0..n consecutive
        Map<Integer, List<QueryBatch>> batchesByRound = trace.batches.stream()
                .collect(Collectors.groupingBy(QueryBatch::getRound, TreeMap::new, Collectors.toList()));
        int rounds = 1 + (BUDGET - INITIAL + BATCH - 1) / BATCH;
        List<Integer> expectedRounds = IntStream.range(0, rounds).boxed().toList();
        assertEquals(expectedRounds, List.copyOf(batchesByRound.keySet()), "query batches by round");
        batchesByRound.forEach((round, list) -> assertEquals(1, list.size(), "query batches of round " + round));
        Map<Integer, Long> evaluationsByRound = trace.evaluations.stream()
                .collect(Collectors.groupingBy(RoundEvaluated::getRound, TreeMap::new, Collectors.counting()));
        assertEquals(expectedRounds, List.copyOf(evaluationsByRound.keySet()), "evaluated rounds");
        evaluationsByRound.forEach((round, n) -> assertEquals(1L, n, "evaluations of round " + round));
        assertEquals(BUDGET, trace.evaluations.stream().mapToInt(RoundEvaluated::getLabeledCount).max().orElse(0),
                "labeled count of the last evaluation");

        // the pool embedded once (a frozen encoder: round 0 only)
        assertEquals(List.of(0), trace.embeddings.stream().map(EmbeddingsReady::getRound).toList(),
                "embeddings-ready events by round");

        // no sample asked twice; the budget spent exactly
        Set<String> queried = new HashSet<>();
        for (QueryBatch batch : trace.batches) {
            for (String sample : batch.getSampleIds()) {
                assertTrue(queried.add(sample), "asked twice: " + sample);
            }
        }
        assertEquals(BUDGET, queried.size(), "queried samples");

        // no label lost or emitted twice, and the ledger counted each once
        List<String> labeled = trace.labels.stream().map(LabelReceived::getSampleId).toList();
        assertEquals(labeled.size(), new HashSet<>(labeled).size(), "labels emitted twice: " + duplicates(labeled));
        assertEquals(queried, new HashSet<>(labeled), "labels received == samples queried");
        List<String> counted = trace.accepted.stream().map(LabeledSample::getSampleId).toList();
        assertEquals(BUDGET, last.getLabeled(), "labels the ledger counts");
        assertEquals(BUDGET, counted.size(), "labels on the labels topic");
        assertEquals(queried, new HashSet<>(counted), "labels in the ledger == samples queried");

        // and the API tells the same
        JsonNode view = getCampaign(trace.campaignId);
        assertEquals("COMPLETED", view.path("status").asText());
        assertEquals(BUDGET, view.path("budget").asInt());
        assertEquals(BUDGET, view.path("labeled").asInt());
        assertEquals(0, view.path("remaining").asInt());
    }

    private static List<String> duplicates(List<String> ids) {
        Set<String> seen = new HashSet<>();
        return ids.stream().filter(id -> !seen.add(id)).toList();
    }

    // ---- the campaign, as seen on the topics

    /** Every committed event of one campaign, read from the beginning of the topics. */
    static final class CampaignTrace implements AutoCloseable {
        final String campaignId;
        final EventLog log;
        final List<QueryBatch> batches = new ArrayList<>();
        final List<LabelReceived> labels = new ArrayList<>();
        /** What the budget tracker accepted (labels topic). */
        final List<LabeledSample> accepted = new ArrayList<>();
        final List<RoundEvaluated> evaluations = new ArrayList<>();
        final List<EmbeddingsReady> embeddings = new ArrayList<>();
        BudgetState lastState;

        CampaignTrace(String campaignId) {
            this.campaignId = campaignId;
            this.log = new EventLog(bootstrap, List.of(Topics.EMBEDDINGS_READY, Topics.QUERY_BATCH,
                    Topics.LABELS_RECEIVED, Topics.ROUND_EVALUATED, Topics.BUDGET_STATE, Topics.LABELS));
        }

        /** Reads what is there; true when any event came (of any campaign). */
        boolean pollOnce() {
            List<SpecificRecord> events = log.poll(Duration.ofMillis(200));
            for (SpecificRecord event : events) {
                if (event instanceof QueryBatch b && b.getCampaignId().equals(campaignId)) {
                    batches.add(b);
                } else if (event instanceof LabelReceived l && l.getCampaignId().equals(campaignId)) {
                    labels.add(l);
                } else if (event instanceof LabeledSample l && l.getCampaignId().equals(campaignId)) {
                    accepted.add(l);
                } else if (event instanceof RoundEvaluated r && r.getCampaignId().equals(campaignId)) {
                    evaluations.add(r);
                } else if (event instanceof EmbeddingsReady e && e.getCampaignId().equals(campaignId)) {
                    embeddings.add(e);
                } else if (event instanceof BudgetState s && s.getCampaignId().equals(campaignId)) {
                    lastState = s;
                }
            }
            return !events.isEmpty();
        }

        boolean completed() {
            return lastState != null && lastState.getStatus() == CampaignStatus.COMPLETED
                    && evaluations.stream().anyMatch(r -> r.getLabeledCount() == BUDGET);
        }

        /** Reads until nothing more comes for a second: everything committed so far, and what follows at once. */
        void drain() {
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < 1_000_000_000L) {
                if (pollOnce()) {
                    quietSince = System.nanoTime();
                }
            }
        }

        String summary() {
            return "campaign " + campaignId + ": batches " + batches.stream().map(QueryBatch::getRound).toList()
                    + ", evaluated " + evaluations.stream().map(RoundEvaluated::getRound).toList()
                    + ", labels " + labels.size() + ", embeddings " + embeddings.size() + ", ledger "
                    + (lastState == null ? "none" : lastState.getStatus() + " labeled " + lastState.getLabeled()
                    + " remaining " + lastState.getRemaining());
        }

        @Override
        public void close() {
            log.close();
        }
    }

    private static void awaitTrace(CampaignTrace trace, String what, Callable<Boolean> condition) {
        try {
            await(what).atMost(CAMPAIGN).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        trace.pollOnce();
                        return condition.call();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + CAMPAIGN + "; " + trace.summary() + "\n"
                    + logTails(), e);
        }
    }

    private static void awaitCompletion(CampaignTrace trace) {
        awaitTrace(trace, "completion", trace::completed);
    }

    // ---- processes

    private static Path appJar(String service) {
        return Path.of("..", service, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
    }

    private static ServiceProcess launch(String service) throws IOException {
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
                "-Dkafka-streams.state.dir=" + work.resolve(instanceId).resolve("kstreams"),
                "-Dssal.oracle.delay-ms=" + ORACLE_DELAY_MS,
                "-Dssal.auth.enabled=false", // about processes and restarts, not tokens (CampaignApiAuthIT)
                "-jar", appJar(service).toString()));
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServiceProcess started = new ServiceProcess(service, instanceId, process, port, log);
        running.put(service, started);
        return started;
    }

    private static void awaitReady(ServiceProcess p) {
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
    private static void kill(String service) throws InterruptedException {
        ServiceProcess p = running.get(service);
        p.process().destroyForcibly();
        p.process().waitFor();
        System.out.printf("[multi-process] killed %s (pid %d, exit %d)%n", p.instanceId(), p.process().pid(),
                p.process().exitValue());
        if (EVICT_KILLED) {
            evictMembers(service);
        }
    }

    /** Removes every member of the service's consumer group (here: only the killed one). */
    private static void evictMembers(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // no member left to remove (it had not joined yet): nothing to wait for either
            System.out.printf("[multi-process] no member of %s removed: %s%n", group, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot remove the members of " + group, e);
        }
    }

    private static void restart(String service) throws IOException {
        ServiceProcess p = launch(service);
        awaitReady(p);
        System.out.printf("[multi-process] restarted %s (pid %d)%n", p.instanceId(), p.process().pid());
    }

    private static void ensureAllRunning() throws IOException {
        for (String service : SERVICES) {
            ServiceProcess p = running.get(service);
            if (p == null || !p.process().isAlive()) {
                restart(service);
            }
        }
    }

    private static String logTails() {
        StringBuilder out = new StringBuilder();
        running.values().forEach(p -> out.append("--- ").append(p.log().getFileName()).append('\n')
                .append(p.logTail()).append('\n'));
        return out.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // ---- HTTP on the campaign process

    private static void createCampaign(String id) throws Exception {
        Map<String, Object> body = SmallCampaigns.body(id, BUDGET, INITIAL, BATCH, 5);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(campaignUri("/campaigns"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), "POST /campaigns: " + response.body());
    }

    private static JsonNode getCampaign(String id) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(campaignUri("/campaigns/" + id))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "GET /campaigns/" + id + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static URI campaignUri(String path) {
        return URI.create("http://127.0.0.1:" + running.get("campaign").httpPort() + path);
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

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
