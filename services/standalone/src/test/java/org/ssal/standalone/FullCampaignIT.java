package org.ssal.standalone;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignStatus;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.PretrainComplete;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;
import org.ssal.events.RoundEvaluated;
import org.ssal.learning.data.Datasets;
import org.ssal.schemas.Sha256;
import org.ssal.schemas.Topics;
import org.ssal.service.ArtifactStore;
import org.ssal.service.EventLog;
import org.ssal.service.SharedSettings;
import org.ssal.service.provenance.Provenance;
import org.ssal.service.provenance.ProvenanceChain;
import org.ssal.service.testing.KafkaBrokerResource;

/**
 * A whole campaign through all four services and a real Kafka broker, on a Fashion-MNIST subset
 * (the generated set where Fashion-MNIST is not installed).
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class) // this class only: other ITs bring their own broker setup
class FullCampaignIT {
    private static final int BUDGET = 300;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void shouldSpendTheBudgetExactlyInConsecutiveRoundsAndLearn() {
        String dataset = Datasets.isInstalled("fashion-mnist", null) ? "fashion-mnist" : "synthetic";
        String id = "it-" + System.nanoTime();
        // Kafka Streams joins its group after Quarkus started; until then the API answers 503
        await().atMost(Duration.ofMinutes(2)).until(() -> given().get("/campaigns").statusCode() == 200);
        given().contentType("application/json").body(Map.of("campaignId", id, "dataset", dataset,
                        "poolSize", 3000, "testSize", 1000, "budget", BUDGET, "initialSize", 50, "batchSize", 50,
                        "strategy", "entropy", "encoder", "pixels", "seed", 11))
                .when().post("/campaigns").then().statusCode(202);

        TreeMap<Integer, RoundEvaluated> rounds = new TreeMap<>();
        List<QueryBatch> batches = new ArrayList<>();
        List<LabelReceived> labels = new ArrayList<>();
        BudgetState[] last = new BudgetState[1];
        List<SpecificRecord> announced = new ArrayList<>();
        try (EventLog log = new EventLog(bootstrapServers, List.of(Topics.QUERY_BATCH, Topics.LABELS_RECEIVED,
                Topics.ROUND_EVALUATED, Topics.BUDGET_STATE, Topics.PRETRAIN_COMPLETE, Topics.EMBEDDINGS_READY))) {
            await().atMost(Duration.ofMinutes(8)).until(() -> {
                for (SpecificRecord event : log.poll(Duration.ofMillis(500))) {
                    if (event instanceof RoundEvaluated r && r.getCampaignId().equals(id)) {
                        rounds.put(r.getRound(), r);
                    } else if (event instanceof QueryBatch b && b.getCampaignId().equals(id)) {
                        batches.add(b);
                    } else if (event instanceof LabelReceived l && l.getCampaignId().equals(id)) {
                        labels.add(l);
                    } else if (event instanceof BudgetState s && s.getCampaignId().equals(id)) {
                        last[0] = s;
                    } else if (event instanceof PretrainComplete p && p.getCampaignId().equals(id)
                            || event instanceof EmbeddingsReady e && e.getCampaignId().equals(id)) {
                        announced.add(event);
                    }
                }
                return !rounds.isEmpty() && rounds.lastEntry().getValue().getLabeledCount() == BUDGET
                        && last[0] != null && last[0].getStatus() == CampaignStatus.COMPLETED;
            });
        }

        // the budget is spent exactly, by consecutive rounds that never ask a sample twice
        Set<String> queried = new HashSet<>();
        for (int r = 0; r < batches.size(); r++) {
            assertEquals(r, batches.get(r).getRound(), "rounds are consecutive");
            for (String sample : batches.get(r).getSampleIds()) {
                assertTrue(queried.add(sample), "asked twice: " + sample);
            }
        }
        assertEquals(BUDGET, queried.size());
        assertEquals(BUDGET, last[0].getLabeled());
        assertEquals(0, last[0].getRemaining());
        assertEquals(List.copyOf(rounds.keySet()), java.util.stream.IntStream.range(0, batches.size()).boxed().toList(),
                "every round evaluated once");
        // every label answers a query of this campaign
        Map<String, Integer> answered = new HashMap<>();
        labels.forEach(l -> answered.put(l.getSampleId(), l.getLabel()));
        assertEquals(queried, answered.keySet());
        // and the head learns from the labels it was given
        double first = rounds.firstEntry().getValue().getTestAccuracy();
        double end = rounds.lastEntry().getValue().getTestAccuracy();
        assertTrue(end > first, "accuracy after the last round (" + end + ") must beat the first (" + first + ")");

        assertProvenance(dataset, announced);

        given().when().get("/campaigns/" + id).then().statusCode(200)
                .body("labeled", equalTo(BUDGET)).body("status", equalTo("COMPLETED"));
        // every event processor is alive, and says so to an orchestrator
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.findAll { it.status == 'UP' }.name", org.hamcrest.Matchers.hasItems("trainer", "scorer", "oracle"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.findAll { it.status == 'UP' }.name", org.hamcrest.Matchers.hasItems("trainer", "scorer", "oracle"));

        // and what it did shows on /q/metrics, in Prometheus text
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        writeSample(metrics);
        assertPositive(metrics, "ssal_query_batches_total", "strategy=\"entropy\"");
        assertPositive(metrics, "ssal_rounds_evaluated_total", "");
        assertPositive(metrics, "ssal_round_duration_seconds_count", "");
        assertPositive(metrics, "ssal_tracker_decisions_total", "decision=\"accepted\"", "event=\"LabelReceived\"");
        assertPositive(metrics, "ssal_records_handled_total", "service=\"scorer\"");
        assertPositive(metrics, "ssal_records_handled_total", "service=\"oracle\"");
        assertPositive(metrics, "ssal_processor_running", "service=\"trainer\"");
        assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag"), "the processors' consumer lag is exported");
    }

    /** Some sample of {@code name} whose labels contain every one of {@code tags} has a value above 0. */
    private static void assertPositive(String metrics, String name, String... tags) {
        List<String> samples = metrics.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> java.util.Arrays.stream(tags).allMatch(l::contains)).toList();
        assertTrue(samples.stream().anyMatch(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) > 0),
                name + " with " + List.of(tags) + " must be > 0, got " + samples);
    }

    /** The metrics of a healthy campaign, for docs/operations.md. */
    private static void writeSample(String metrics) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "metrics-after-full-campaign.txt"), metrics);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The encoder's and the embeddings' records exist, verify, and name the dataset files with their sha256. */
    private void assertProvenance(String dataset, List<SpecificRecord> announced) {
        PretrainComplete pretrain = (PretrainComplete) announced.stream().filter(PretrainComplete.class::isInstance)
                .findFirst().orElseThrow(() -> new AssertionError("no PretrainComplete: " + announced));
        EmbeddingsReady ready = (EmbeddingsReady) announced.stream().filter(EmbeddingsReady.class::isInstance)
                .findFirst().orElseThrow(() -> new AssertionError("no EmbeddingsReady: " + announced));
        // the trainer's own lookup: %test.ssal.artifacts.dir does not reach it today (it writes to the default)
        ArtifactStore store = new ArtifactStore(SharedSettings.fromConfig().artifactsDir());
        List<ProvenanceChain.Link> chain = ProvenanceChain.follow(store, ready.getProvenanceUri(), ready.getProvenanceSha256());
        assertEquals(List.of(Provenance.EMBEDDINGS, Provenance.ENCODER), chain.stream().map(l -> l.record().kind()).toList());
        assertEquals(pretrain.getProvenanceUri(), chain.get(1).uri());
        assertEquals(pretrain.getProvenanceSha256(), chain.get(1).sha256());
        Provenance embeddings = chain.get(0).record();
        assertEquals(ready.getPoolUri(), embeddings.describes().get(0).uri());
        assertEquals(dataset, embeddings.config().get("dataset"));
        List<Provenance.Input> files = embeddings.inputs().stream()
                .filter(i -> i.role().equals(Provenance.DATASET_FILE)).toList();
        assertEquals(dataset.equals("synthetic") ? 0 : 4, files.size(), embeddings.inputs().toString());
        for (Provenance.Input file : files) {
            try {
                assertEquals(Sha256.sha256(Path.of(file.name())), file.sha256(), file.name());
            } catch (java.io.IOException e) {
                throw new AssertionError("cannot read " + file.name(), e);
            }
        }
        List<String> lines = ProvenanceChain.describe(store, ready.getProvenanceUri(), ready.getProvenanceSha256());
        assertTrue(lines.get(0).startsWith("embeddings provenance " + ready.getProvenanceUri()), String.join("\n", lines));
        System.out.println(String.join("\n", lines));
    }
}
