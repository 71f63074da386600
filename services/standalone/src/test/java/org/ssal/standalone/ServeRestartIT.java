package org.ssal.standalone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;

/**
 * {@code ssal serve} as a user runs it, as an OS process from the packaged app: campaigns are
 * created over REST, the process is killed with SIGKILL while they are mid-round, started again on
 * the same home and ports, and every campaign must finish with DESIGN §5's invariants — the budget
 * spent exactly, no label counted twice, each round queried and evaluated once, rounds consecutive.
 * Also: a second {@code serve} on a home in use refuses to start.
 */
class ServeRestartIT {
    private static final int CAMPAIGNS = 3;
    private static final int BUDGET = 80;
    private static final int INITIAL = 20;
    private static final int BATCH = 20;
    private static final int ROUNDS = 1 + (BUDGET - INITIAL + BATCH - 1) / BATCH;
    private static final long ORACLE_DELAY_MS = 40; // a batch takes ~1 s to label: campaigns are mid-round when killed
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final Duration CAMPAIGN = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path work = Path.of("target", "serve-restart-it").toAbsolutePath();
    private final Path home = work.resolve("home");
    private final List<Process> started = new ArrayList<>();
    private int kafkaPort;
    private int controllerPort;
    private int httpPort;

    @AfterEach
    void killWhatIsLeft() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldFinishEveryCampaignWhenServeIsKilledMidRoundAndStartedAgainOnItsHome() throws Exception {
        // Given: serve running on a fresh home, with campaigns under way
        deleteRecursively(work);
        Files.createDirectories(work);
        kafkaPort = freePort();
        controllerPort = freePort();
        httpPort = freePort();
        Process first = serve("1", home, kafkaPort, controllerPort, httpPort);
        System.out.printf("[serve-restart] first start: healthy after %.1f s%n", awaitHealthy(first, "1"));

        assertSecondServeOnTheSameHomeRefuses();

        List<String> ids = IntStream.range(0, CAMPAIGNS).mapToObj(i -> "restart-" + i).toList();
        for (int i = 0; i < CAMPAIGNS; i++) {
            createCampaign(ids.get(i), i + 1);
        }
        String bootstrap = "127.0.0.1:" + kafkaPort;
        Trace before = new Trace(Set.copyOf(ids));
        try (EventLog log = new EventLog(bootstrap, Trace.TOPICS)) {
            awaitTrace(log, before, "every campaign past round 0 and one mid-round", before::everyCampaignMidWay);
        }

        // When: SIGKILL (no shutdown hook runs: the broker, Streams and every transaction stop dead)
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "serve did not die");
        System.out.printf("[serve-restart] killed serve (exit %d) with %s%n", first.exitValue(), before.summary());

        // ... and started again on the same home and ports
        Process second = serve("2", home, kafkaPort, controllerPort, httpPort);
        double restartSeconds = awaitHealthy(second, "2");
        System.out.printf("[serve-restart] restart on the same home: healthy after %.1f s%n", restartSeconds);
        assertEquals(Set.copyOf(ids), listedCampaigns(), "GET /campaigns right after the restart");

        // Then: every campaign completes, as the API says and as the log shows
        awaitCompleted(ids, second);
        Trace after = new Trace(Set.copyOf(ids));
        try (EventLog log = new EventLog(bootstrap, Trace.TOPICS)) {
            // COMPLETED is the ledger's word; the scorer evaluates the last round only after reading it
            awaitTrace(log, after, "an evaluation of every round", () -> ids.stream().allMatch(id -> after.evaluations
                    .getOrDefault(id, List.of()).stream().anyMatch(r -> r.getRound() == ROUNDS - 1)));
            log.replayToEnd(after::add, Duration.ofMinutes(1));
        }
        for (String id : ids) {
            assertInvariants(id, after, campaign(id));
        }
        assertEquals(Set.copyOf(ids), listedCampaigns(), "GET /campaigns at the end");
        System.out.printf("[serve-restart] %d campaigns completed after the kill: %s%n", CAMPAIGNS, after.summary());
    }

    // ---- the checks

    private void assertSecondServeOnTheSameHomeRefuses() throws Exception {
        Process intruder = serve("intruder", home, freePort(), freePort(), freePort());
        assertTrue(intruder.waitFor(2, TimeUnit.MINUTES), "a second serve on the same home kept running");
        String output = Files.readString(work.resolve("serve-intruder.log"), StandardCharsets.UTF_8);
        assertEquals(1, intruder.exitValue(), output);
        assertTrue(output.contains("home " + home + " is in use by another ssal process"), output);
    }

    private static void assertInvariants(String id, Trace trace, JsonNode view) {
        // the API: completed, the budget spent exactly, rounds 0..n consecutive summing to the budget
        assertEquals("COMPLETED", view.path("status").asText(), id + " status");
        assertEquals(BUDGET, view.path("labeled").asInt(), id + " labeled == budget");
        assertEquals(BUDGET, view.path("queried").asInt(), id + " queried == budget");
        assertEquals(0, view.path("remaining").asInt(), id + " remaining");
        List<Integer> viewRounds = new ArrayList<>();
        int labeledInRounds = 0;
        for (JsonNode round : view.path("rounds")) {
            viewRounds.add(round.path("round").asInt());
            labeledInRounds += round.path("labeled").asInt();
        }
        List<Integer> expectedRounds = IntStream.range(0, ROUNDS).boxed().toList();
        assertEquals(expectedRounds, viewRounds, id + " rounds in the ledger");
        assertEquals(BUDGET, labeledInRounds, id + " labels counted over the rounds");

        // the log: one query batch and one evaluation per round, no sample asked or labeled twice
        Map<Integer, List<QueryBatch>> batches = trace.batches.getOrDefault(id, List.of()).stream()
                .collect(Collectors.groupingBy(QueryBatch::getRound, TreeMap::new, Collectors.toList()));
        assertEquals(expectedRounds, List.copyOf(batches.keySet()), id + " query batches by round");
        batches.forEach((round, list) -> assertEquals(1, list.size(), id + " query batches of round " + round));
        Map<Integer, Long> evaluations = trace.evaluations.getOrDefault(id, List.of()).stream()
                .collect(Collectors.groupingBy(RoundEvaluated::getRound, TreeMap::new, Collectors.counting()));
        assertEquals(expectedRounds, List.copyOf(evaluations.keySet()), id + " evaluated rounds");
        evaluations.forEach((round, n) -> assertEquals(1L, n, id + " evaluations of round " + round));
        Set<String> queried = new HashSet<>();
        batches.values().stream().flatMap(List::stream).flatMap(b -> b.getSampleIds().stream())
                .forEach(sample -> assertTrue(queried.add(sample), id + " asked twice: " + sample));
        assertEquals(BUDGET, queried.size(), id + " samples queried");
        List<String> labeled = trace.labels.getOrDefault(id, List.of()).stream().map(LabelReceived::getSampleId).toList();
        assertEquals(labeled.size(), new HashSet<>(labeled).size(), id + " a label emitted twice");
        assertEquals(queried, new HashSet<>(labeled), id + " labels received == samples queried");
    }

    /** What the log holds for the campaigns of this test. */
    static final class Trace {
        static final List<String> TOPICS = List.of(Topics.QUERY_BATCH, Topics.LABELS_RECEIVED, Topics.ROUND_EVALUATED);
        final Set<String> campaigns;
        final Map<String, List<QueryBatch>> batches = new HashMap<>();
        final Map<String, List<LabelReceived>> labels = new HashMap<>();
        final Map<String, List<RoundEvaluated>> evaluations = new HashMap<>();

        Trace(Set<String> campaigns) {
            this.campaigns = campaigns;
        }

        void add(SpecificRecord event) {
            if (event instanceof QueryBatch b && campaigns.contains(b.getCampaignId())) {
                batches.computeIfAbsent(b.getCampaignId(), k -> new ArrayList<>()).add(b);
            } else if (event instanceof LabelReceived l && campaigns.contains(l.getCampaignId())) {
                labels.computeIfAbsent(l.getCampaignId(), k -> new ArrayList<>()).add(l);
            } else if (event instanceof RoundEvaluated r && campaigns.contains(r.getCampaignId())) {
                evaluations.computeIfAbsent(r.getCampaignId(), k -> new ArrayList<>()).add(r);
            }
        }

        /** Every campaign has a batch after round 0, none is done, and some batch is being labeled. */
        boolean everyCampaignMidWay() {
            boolean allPastRoundZero = campaigns.stream().allMatch(id ->
                    batches.getOrDefault(id, List.of()).stream().anyMatch(b -> b.getRound() >= 1));
            boolean noneLastRound = campaigns.stream().noneMatch(id ->
                    batches.getOrDefault(id, List.of()).stream().anyMatch(b -> b.getRound() == ROUNDS - 1));
            boolean someMidRound = campaigns.stream().anyMatch(id -> batches.getOrDefault(id, List.of()).stream()
                    .anyMatch(b -> labelsOf(id, b.getRound()) < b.getSampleIds().size()));
            return allPastRoundZero && noneLastRound && someMidRound;
        }

        private long labelsOf(String id, int round) {
            return labels.getOrDefault(id, List.of()).stream().filter(l -> l.getRound() == round).count();
        }

        String summary() {
            return campaigns.stream().sorted().map(id -> id + ": batches "
                    + batches.getOrDefault(id, List.of()).stream().map(QueryBatch::getRound).toList()
                    + ", labels " + labels.getOrDefault(id, List.of()).size()
                    + ", evaluated " + evaluations.getOrDefault(id, List.of()).stream().map(RoundEvaluated::getRound)
                    .toList()).collect(Collectors.joining("; "));
        }
    }

    private void awaitTrace(EventLog log, Trace trace, String what, java.util.function.BooleanSupplier condition) {
        try {
            await(what).atMost(CAMPAIGN).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
                log.poll(Duration.ofMillis(200)).forEach(trace::add);
                return condition.getAsBoolean();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + CAMPAIGN + "; " + trace.summary() + "\n"
                    + logTail("1"), e);
        }
    }

    private void awaitCompleted(List<String> ids, Process process) {
        try {
            await("every campaign completed").atMost(CAMPAIGN).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertTrue(process.isAlive(), "serve exited:\n" + logTail("2"));
                for (String id : ids) {
                    if (!"COMPLETED".equals(campaign(id).path("status").asText())) {
                        return false;
                    }
                }
                return true;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("campaigns not completed within " + CAMPAIGN + ":\n" + logTail("2"), e);
        }
    }

    // ---- the serve process

    private Process serve(String name, Path homeDir, int kafka, int controller, int http) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: the app is packaged before the integration tests");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.bytedeco.javacpp.maxbytes=1G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2G",
                "-Dssal.oracle.delay-ms=" + ORACLE_DELAY_MS,
                "-jar", jar.toString(), "serve", "--no-auth", // durability is the subject here, not tokens
                "--home", homeDir.toString(), "--kafka-port", Integer.toString(kafka),
                "--kafka-controller-port", Integer.toString(controller), "--port", Integer.toString(http));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("serve-" + name + ".log").toFile()).start();
        started.add(process);
        return process;
    }

    /** Seconds from the process start to the first 200 of GET /campaigns (broker, Streams and API up). */
    private double awaitHealthy(Process process, String name) {
        long start = process.info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
        try {
            await("serve " + name + " healthy").atMost(STARTUP).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertTrue(process.isAlive(), "serve " + name + " exited:\n" + logTail(name));
                return status("/campaigns") == 200;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("serve " + name + " not healthy within " + STARTUP + ":\n" + logTail(name), e);
        }
        return (System.currentTimeMillis() - start) / 1000.0;
    }

    private String logTail(String name) {
        try {
            List<String> lines = Files.readAllLines(work.resolve("serve-" + name + ".log"), StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    // ---- HTTP

    private void createCampaign(String id, long seed) throws Exception {
        Map<String, Object> body = SmallCampaigns.body(id, BUDGET, INITIAL, BATCH, seed);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/campaigns"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), "POST /campaigns: " + response.body());
    }

    private JsonNode campaign(String id) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/campaigns/" + id))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "GET /campaigns/" + id + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private Set<String> listedCampaigns() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/campaigns"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "GET /campaigns: " + response.body());
        Set<String> ids = new HashSet<>();
        JSON.readTree(response.body()).forEach(c -> ids.add(c.path("campaignId").asText()));
        assertFalse(ids.isEmpty(), "GET /campaigns is empty");
        return ids;
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
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
