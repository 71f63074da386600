package org.ssal.campaign.routing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ssal.schemas.Topics;
import org.ssal.service.EmbeddedBroker;
import org.ssal.service.TopicAdmin;
import org.ssal.service.auth.Role;
import org.ssal.service.auth.TokenStore;

/**
 * Two instances of the packaged campaign service on one broker (topics of 2 partitions), each with
 * its own {@code application.server} and state: the budget tracker's group gives each one
 * partition, so each hosts about half of the ledgers, and yet each must answer GET for every
 * campaign and list them all — never 404 for a campaign that exists.
 */
class CampaignScaleOutIT {
    private static final int PARTITIONS = 2;
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static EmbeddedBroker broker;
    private static final List<Instance> instances = new ArrayList<>();
    private static final Path work = Path.of("target", "scale-out-it").toAbsolutePath();
    /** Every instance checks tokens, as deployed: the test and the instances' calls to each other use this one. */
    private static String adminToken;

    record Instance(String name, Process process, int port, Path log) {
        String logTail() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    @BeforeAll
    static void startBrokerAndTwoInstances() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: the app is packaged before the integration tests");
        Files.createDirectories(work);
        broker = EmbeddedBroker.start();
        TopicAdmin.ensureTopics(broker.bootstrapServers(), PARTITIONS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("a", "b")) {
            instances.add(launch(jar, name, run));
        }
        for (Instance instance : instances) {
            awaitHealthy(instance);
        }
        awaitEachInstanceHostsAPartition("ssal-budget-tracker-" + run);
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        for (Instance instance : instances) {
            instance.process().destroyForcibly();
            instance.process().waitFor(30, TimeUnit.SECONDS);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldAnswerEveryCampaignOnEveryInstanceWhenEachHostsOnlySomeOfThem() throws Exception {
        // Given: campaigns on both partitions, so on both instances
        List<String> ids = IntStream.range(0, 6).mapToObj(i -> "scale-" + i).toList();
        Set<Integer> partitions = new TreeSet<>();
        ids.forEach(id -> partitions.add(Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS));
        assertEquals(Set.of(0, 1), partitions, "the test's campaign ids must fall on both partitions");
        for (int i = 0; i < ids.size(); i++) {
            createCampaign(instances.get(i % 2), ids.get(i)); // either instance takes commands
        }

        // When: the tracker has applied every creation (404 until then is the lag of the log)
        for (String id : ids) {
            awaitCampaign(instances.get(0), id, true);
        }

        // Then: every instance answers every campaign; 503 may come while the tracker settles, 404 never
        for (Instance instance : instances) {
            for (String id : ids) {
                JsonNode view = awaitCampaign(instance, id, false);
                assertEquals(id, view.path("campaignId").asText());
                assertEquals(40, view.path("budget").asInt(), id + " budget on " + instance.name());
                assertEquals("ACTIVE", view.path("status").asText());
            }
        }
        for (Instance instance : instances) {
            assertEquals(new HashSet<>(ids), awaitList(instance, ids), "GET /campaigns on " + instance.name());
        }

        // the instance-to-instance reads show every ledger: not without the admin token
        for (String path : List.of("/campaigns", LedgerPeerResource.PATH, LedgerPeerResource.PATH + "/" + ids.get(0))) {
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(uri(instances.get(0), path))
                    .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode(), path + " without a token: " + anonymous.body());
        }

        // a campaign that exists nowhere is still 404, from either instance
        for (Instance instance : instances) {
            assertEquals(404, get(instance, "/campaigns/no-such-campaign").status());
        }
    }

    // ---- helpers

    private static Instance launch(Path jar, String name, String run) throws IOException {
        int port = freePort();
        Path log = work.resolve("campaign-" + name + "-" + run + ".log");
        Path tokens = work.resolve("tokens-" + run);
        if (adminToken == null || !Files.exists(tokens)) {
            Files.createDirectories(work);
            adminToken = TokenStore.open(tokens).create(Role.ADMIN, "scale-out-it", Set.of());
        }
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.kafka-streams.application-id=ssal-budget-tracker-" + run,
                "-Dquarkus.kafka-streams.application-server=127.0.0.1:" + port,
                "-Dkafka-streams.state.dir=" + work.resolve("state-" + name + "-" + run),
                "-Dquarkus.banner.enabled=false",
                "-Dssal.auth.tokens-file=" + tokens,
                "-Dssal.campaign.peer-token=" + adminToken,
                "-jar", jar.toString());
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new Instance(name, process, port, log);
    }

    private static void awaitHealthy(Instance instance) {
        try {
            await(instance.name() + " healthy").atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertTrue(instance.process().isAlive(), instance.name() + " exited:\n" + instance.logTail());
                return get(instance, "/campaigns").status() == 200;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(instance.name() + " not healthy within " + STARTUP + ":\n" + instance.logTail(), e);
        }
    }

    /** Both trackers in the group, each with one partition of the ledger's input topic. */
    private static void awaitEachInstanceHostsAPartition(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            await("each tracker hosts a partition").atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                        .get(10, TimeUnit.SECONDS).get(group);
                List<MemberDescription> members = new ArrayList<>(description.members());
                return members.size() == 2 && members.stream().allMatch(m -> m.assignment().topicPartitions().stream()
                        .anyMatch(tp -> tp.topic().equals(Topics.CAMPAIGNS)));
            });
        }
    }

    private static void createCampaign(Instance instance, String id) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", id);
        body.put("dataset", "synthetic");
        body.put("poolSize", 200);
        body.put("testSize", 50);
        body.put("budget", 40);
        body.put("initialSize", 10);
        body.put("batchSize", 10);
        body.put("strategy", "random");
        body.put("seed", 1);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(instance, "/campaigns"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), "POST /campaigns on " + instance.name() + ": " + response.body());
    }

    /** The campaign as {@code instance} shows it; 503 (not ready, rebalancing) is asked again, 404 only if allowed. */
    private static JsonNode awaitCampaign(Instance instance, String id, boolean mayBeUnknownYet) {
        JsonNode[] view = {null};
        await(id + " on " + instance.name()).atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            Answer answer = get(instance, "/campaigns/" + id);
            assertTrue(mayBeUnknownYet || answer.status() != 404,
                    "GET /campaigns/" + id + " on " + instance.name() + " answered 404: " + answer.body());
            if (answer.status() == 200) {
                view[0] = JSON.readTree(answer.body());
                return true;
            }
            return false;
        });
        return view[0];
    }

    private static Set<String> awaitList(Instance instance, List<String> ids) {
        Set<String> listed = new HashSet<>();
        await("list on " + instance.name()).atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            Answer answer = get(instance, "/campaigns");
            if (answer.status() != 200) {
                return false;
            }
            listed.clear();
            JSON.readTree(answer.body()).forEach(c -> listed.add(c.path("campaignId").asText()));
            return listed.containsAll(ids);
        });
        return listed;
    }

    /** An HTTP answer; status -1 when the instance does not answer at all. */
    record Answer(int status, String body) {
    }

    private static Answer get(Instance instance, String path) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(instance, path))
                    .header("Authorization", "Bearer " + adminToken)
                    .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        }
    }

    private static URI uri(Instance instance, String path) {
        return URI.create("http://127.0.0.1:" + instance.port() + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
