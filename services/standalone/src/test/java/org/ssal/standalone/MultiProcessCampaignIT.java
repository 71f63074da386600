package org.ssal.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ssal.events.QueryBatch;
import org.ssal.service.EmbeddedBroker;
import org.ssal.service.EventLog;
import org.ssal.service.TopicAdmin;
import org.ssal.standalone.chaos.ChaosTarget;

/**
 * The distributed deployment for real: a Kafka broker (in this JVM) and the four services as
 * separate OS processes, started from their packaged apps ({@code services/<name>/target/quarkus-app}),
 * as deploy/local does. Services are killed with SIGKILL in the middle of a campaign and restarted
 * with the same instance id; each campaign must still finish with the budget spent exactly, every
 * round queried and evaluated once, and every label counted once.
 *
 * <p>Nobody removes the killed member from its consumer group, as nobody would in production: the
 * processes are {@code ssal chaos}'s ({@link PackagedServices}), whose restarted instance rejoins as
 * the same static member ({@code group.instance.id}, the tracker's through
 * {@code kafka-streams.group.instance.id}) and so gets the killed one's partitions back at once,
 * without waiting for its session timeout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiProcessCampaignIT {
    private static final int BUDGET = 120;
    private static final int INITIAL = 20;
    private static final int BATCH = 20;
    private static final long ORACLE_DELAY_MS = 50; // a batch of 20 takes ~1 s to label: time to kill mid-round
    private static final Duration CAMPAIGN = Duration.ofMinutes(3);

    private static EmbeddedBroker broker;
    private static String bootstrap;
    private static PackagedServices services;

    @BeforeAll
    static void startBrokerAndServices() throws Exception {
        PackagedServices.requirePackagedApps();
        Path work = Path.of("target", "multi-process-it").toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work.resolve("artifacts"));
        broker = EmbeddedBroker.start();
        bootstrap = broker.bootstrapServers();
        TopicAdmin.ensureTopics(bootstrap, 2);
        long start = System.nanoTime();
        services = new PackagedServices(work, bootstrap, ORACLE_DELAY_MS, service -> List.of());
        services.startAll();
        System.out.printf("[multi-process] broker %s and 4 service processes up in %.1f s%n", bootstrap,
                (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    static void stopEverything() {
        if (services != null) {
            services.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void scorerKilledAfterRoundOneIsEvaluatedAndRestarted() throws Exception {
        services.ensureAllRunning();
        String id = "mp-scorer-" + System.currentTimeMillis();
        try (CampaignTrace trace = trace(id)) {
            services.createCampaign(SmallCampaigns.body(id, BUDGET, INITIAL, BATCH, 5));
            awaitTrace(trace, "round 1 evaluated", () -> trace.evaluations.stream().anyMatch(r -> r.getRound() == 1));

            services.kill(ChaosTarget.SCORER);
            long restarted = System.nanoTime();
            services.restart(ChaosTarget.SCORER);

            awaitCompletion(trace);
            System.out.printf("[multi-process] %s: finished %.1f s after the scorer was killed%n", id,
                    (System.nanoTime() - restarted) / 1e9);
            assertFinishedExactlyOnce(trace);
        }
    }

    @Test
    @Order(2)
    void trainerKilledWhileEmbeddingAndOracleKilledMidRound() throws Exception {
        services.ensureAllRunning();
        String id = "mp-trainer-oracle-" + System.currentTimeMillis();
        try (CampaignTrace trace = trace(id)) {
            services.createCampaign(SmallCampaigns.body(id, BUDGET, INITIAL, BATCH, 5));
            // right after the 202: the trainer has at most begun to load the data and embed the pool
            services.kill(ChaosTarget.TRAINER);
            trace.drain(); // the campaign waits for the trainer now: read all there is
            boolean embeddedAlready = !trace.embeddings.isEmpty(); // committed before the kill, if at all
            services.restart(ChaosTarget.TRAINER);

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
            services.kill(ChaosTarget.ORACLE);
            trace.drain(); // the round waits for the oracle now: read all there is
            long labelsOfThatRound = trace.labels.stream().filter(l -> l.getRound() == midRound[0]).count();
            services.restart(ChaosTarget.ORACLE);
            System.out.printf("[multi-process] %s: trainer killed %s embeddings; oracle killed in round %d with "
                            + "%d of its labels committed%n", id, embeddedAlready ? "after" : "before",
                    midRound[0], labelsOfThatRound);

            awaitCompletion(trace);
            assertFinishedExactlyOnce(trace);
        }
    }

    // ---- the checks

    private static void assertFinishedExactlyOnce(CampaignTrace trace) throws Exception {
        trace.assertFinishedExactlyOnce(INITIAL, BATCH);
        // and the API tells the same
        JsonNode view = services.getCampaign(trace.campaignId);
        assertEquals("COMPLETED", view.path("status").asText());
        assertEquals(BUDGET, view.path("budget").asInt());
        assertEquals(BUDGET, view.path("labeled").asInt());
        assertEquals(0, view.path("remaining").asInt());
    }

    // ---- the campaign, as seen on the topics

    private static CampaignTrace trace(String id) {
        return new CampaignTrace(EventLog.readerProperties(bootstrap, "trace-" + id), id, BUDGET);
    }

    private static void awaitTrace(CampaignTrace trace, String what, Callable<Boolean> condition) {
        trace.awaitUntil(what, CAMPAIGN, condition, services::logTails);
    }

    private static void awaitCompletion(CampaignTrace trace) {
        awaitTrace(trace, "completion", trace::completed);
    }

    static void deleteRecursively(Path dir) throws IOException {
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
