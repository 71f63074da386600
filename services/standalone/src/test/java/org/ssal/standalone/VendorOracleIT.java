package org.ssal.standalone;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignStatus;
import org.ssal.events.LabelReceived;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;
import org.ssal.service.testing.KafkaBrokerResource;

/**
 * The standalone app with the labeling gateway, tokens on, and the Python vendor oracle of
 * {@code examples/vendor-oracle-python} as a child process on the public Kafka contract: a human
 * campaign is created over REST with the admin token and completes with the vendor's labels only
 * (the simulated oracle leaves it alone). The topics have two partitions and the campaign id is one
 * that librdkafka's default partitioner puts elsewhere than Java's, so the test also shows that the
 * vendor needs no particular partitioner.
 */
@QuarkusTest
@WithTestResource(HumanCampaignTestResource.class)
class VendorOracleIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path VENDOR = Path.of("../../examples/vendor-oracle-python/vendor_oracle.py");
    private static final int BUDGET = 24;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    // read, not injected: injected test config is checked when any other test class starts Quarkus
    private String admin;
    private String annotator;
    private String campaignId;

    @BeforeEach
    void readTokens() {
        var config = ConfigProvider.getConfig();
        admin = config.getValue("test.token.admin", String.class);
        annotator = config.getValue("test.token.annotator", String.class);
        campaignId = config.getValue("test.campaign", String.class);
    }

    @Test
    void shouldServeTheGatewayAndItsPageBesideTheCampaignApiWithTheSameTokens() {
        given().get("/label/").then().statusCode(200).body(containsString("<html"));
        given().get("/labeling/campaigns").then().statusCode(401).body("field", equalTo("Authorization"));
        given().header("Authorization", "Bearer " + annotator).get("/labeling/campaigns").then().statusCode(200);
        given().get("/campaigns").then().statusCode(401);
        given().header("Authorization", "Bearer " + annotator).get("/campaigns").then().statusCode(403);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().header("Authorization", "Bearer " + admin).get("/campaigns").statusCode() == 200);
    }

    @Test
    void shouldCompleteAHumanCampaignWithTheLabelsOfThePythonVendor() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON + ": the Python vendor example is not tested");
        assumeTrue(pythonHas("confluent_kafka", "avro"), PYTHON + " lacks confluent_kafka or avro: install "
                + "python3-confluent-kafka and python3-avro (.ci/run does) to test the Python vendor example");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().header("Authorization", "Bearer " + admin).get("/campaigns").statusCode() == 200);

        Map<String, Object> campaign = new HashMap<>();
        campaign.put("campaignId", campaignId);
        campaign.put("dataset", "synthetic");
        campaign.put("datasetOptions", Map.of("classes", "4", "train", "200", "test", "40", "size", "8"));
        campaign.put("budget", BUDGET);
        campaign.put("initialSize", 12);
        campaign.put("batchSize", 6);
        campaign.put("strategy", "random");
        campaign.put("oracle", "human");
        given().header("Authorization", "Bearer " + admin).contentType("application/json").body(campaign)
                .post("/campaigns").then().statusCode(202);

        Path log = Files.createTempFile("vendor-oracle", ".log");
        Process vendor = new ProcessBuilder(PYTHON.toString(), VENDOR.toString(), "--bootstrap", bootstrap,
                "--name", "acme", "--campaigns", campaignId, "--exit-when-idle", "300")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<LabelReceived> labels = new ArrayList<>();
        Set<Integer> labelPartitions = new HashSet<>();
        try (EventLog events = new EventLog(bootstrap, List.of(Topics.LABELS_RECEIVED, Topics.BUDGET_STATE))) {
            BudgetState[] last = new BudgetState[1];
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertTrue(vendor.isAlive(), () -> "the vendor stopped: " + read(log));
                for (ConsumerRecord<String, byte[]> record : events.pollRecords(Duration.ofMillis(500))) {
                    SpecificRecord event = decodeOrNull(record.value());
                    if (event instanceof LabelReceived l && l.getCampaignId().equals(campaignId)) {
                        labels.add(l);
                        labelPartitions.add(record.partition());
                    } else if (event instanceof BudgetState s && s.getCampaignId().equals(campaignId)) {
                        last[0] = s;
                    }
                }
                return last[0] != null && last[0].getStatus() == CampaignStatus.COMPLETED;
            });
            assertEquals(BUDGET, last[0].getLabeled());
        } finally {
            vendor.destroy();
            vendor.waitFor(10, TimeUnit.SECONDS);
        }

        Set<String> annotators = labels.stream().map(LabelReceived::getAnnotatorId).collect(Collectors.toSet());
        assertEquals(Set.of("acme"), annotators, "only the vendor labels a human campaign");
        int javas = HumanCampaignTestResource.javaPartition(campaignId, KafkaBrokerResource.PARTITIONS);
        assertEquals(Set.of(HumanCampaignTestResource.librdkafkaPartition(campaignId, KafkaBrokerResource.PARTITIONS)),
                labelPartitions, "the vendor keeps librdkafka's default partitioner");
        assertFalse(labelPartitions.contains(javas),
                "the vendor's labels should land off the campaign's own partition " + javas);
        given().header("Authorization", "Bearer " + admin).get("/campaigns/" + campaignId).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("labeled", equalTo(BUDGET));
        given().header("Authorization", "Bearer " + annotator).get("/labeling/campaigns").then().statusCode(200)
                .body("campaignId", hasItem(campaignId));
        assertTrue(read(log).contains("vendor: campaign " + campaignId + " round 0"), read(log));
    }

    private static boolean pythonHas(String... modules) throws IOException, InterruptedException {
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import " + String.join(", ", modules))
                .redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
    }

    // other tests of this module may leave records that are not events; they are no part of this campaign
    private static SpecificRecord decodeOrNull(byte[] value) {
        try {
            return EventCodec.decode(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(vendor log unreadable: " + e.getMessage() + ")";
        }
    }
}
