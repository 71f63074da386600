package org.ssal.labeling.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.ssal.events.QueryBatch;
import org.ssal.schemas.Topics;

/**
 * Not a test but a measurement, run on demand (docs/benchmarks.md):
 * <pre>mvn -B -o -pl services/labeling -am verify -Dssal.bench=true -Dtest=None -Dit.test=LabelingBenchmarkIT \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false</pre>
 * Each round the scorer's part is played by writing a batch of 100 new samples; then one
 * annotator leases all 100 over REST and answers them, either in one request (a vendor's tool:
 * one Kafka transaction with 100 LabelReceived) or one request per answer (the web page: 100
 * transactions). The median of the rounds is printed (failsafe-reports/*BenchmarkIT-output.txt).
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@EnabledIfSystemProperty(named = "ssal.bench", matches = "true")
class LabelingBenchmarkIT {
    private static final int BATCH = 100;
    private static final int ROUNDS = 7;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "test.run")
    String run;
    @ConfigProperty(name = "test.token.alice")
    String alice;
    @ConfigProperty(name = "test.token.lead")
    String lead;

    private int round;

    private RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    @Test
    void leaseAndSubmitBatchesOfOneHundred() {
        String id = "bench-" + run;
        GatewayFixture kafka = new GatewayFixture(bootstrap);
        kafka.write(Topics.CAMPAIGNS, id, GatewayFixture.humanCampaign(id, 100_000, 1, 600));
        List<Long> oneRequest = new ArrayList<>();
        List<Long> perAnswer = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            oneRequest.add(timeRound(kafka, id, true));
            perAnswer.add(timeRound(kafka, id, false));
        }
        System.out.printf("labeling bench: lease %d + submit them in ONE request: median %d ms (rounds %s)%n",
                BATCH, median(oneRequest), oneRequest);
        System.out.printf("labeling bench: lease %d + %d single-answer requests: median %d ms (rounds %s)%n",
                BATCH, BATCH, median(perAnswer), perAnswer);
        System.out.printf("labeling bench: cores %d, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Milliseconds from the lease request to the last answer's commit. */
    private long timeRound(GatewayFixture kafka, String id, boolean oneRequest) {
        int r = round++;
        List<String> samples = IntStream.range(0, BATCH).mapToObj(i -> String.format("bench/%03d/%03d", r, i)).toList();
        kafka.write(Topics.QUERY_BATCH, id, QueryBatch.newBuilder().setCampaignId(id).setRound(r).setSampleIds(samples)
                .setNumClasses(10).setStrategy("random").setSelectionSeed(r).setCreatedAt(java.time.Instant.now())
                .build());
        int expected = BATCH * (r + 1);
        await().atMost(GatewayFixture.PATIENCE).until(() ->
                as(lead).get("/labeling/campaigns/{id}/progress", id).path("queried").equals(expected));
        long start = System.nanoTime();
        String leaseId = as(alice).body(Map.of("campaignId", id, "max", BATCH)).post("/labeling/leases")
                .then().statusCode(201).extract().path("leaseId");
        if (oneRequest) {
            List<Map<String, Object>> labels = samples.stream()
                    .map(s -> Map.<String, Object>of("sampleId", s, "label", Math.floorMod(s.hashCode(), 10))).toList();
            as(alice).body(Map.of("labels", labels)).post("/labeling/leases/{id}/labels", leaseId).then().statusCode(200);
        } else {
            for (String s : samples) {
                as(alice).body(Map.of("labels", List.of(Map.of("sampleId", s, "label", Math.floorMod(s.hashCode(), 10)))))
                        .post("/labeling/leases/{id}/labels", leaseId).then().statusCode(200);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
