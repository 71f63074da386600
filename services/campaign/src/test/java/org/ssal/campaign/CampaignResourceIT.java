package org.ssal.campaign;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ssal.events.CampaignFailed;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;
import org.ssal.events.Rejected;
import org.ssal.events.RoundEvaluated;
import org.ssal.schemas.EventCodec;
import org.ssal.schemas.Topics;
import org.ssal.service.EventLog;
import org.ssal.service.testing.KafkaBrokerResource;

/**
 * The campaign API and the budget tracker in Quarkus against a real broker: commands go through
 * Kafka, reads come from the tracker's store, so every check waits for the tracker (Awaitility).
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class CampaignResourceIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** Kafka Streams joins its group after Quarkus started; until then reads answer 503. */
    @BeforeEach
    void awaitTracker() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/campaigns").statusCode() == 200);
    }

    @Test
    void shouldTrackQueriesAndLabelsWhenTheyArriveOnKafka() {
        String id = createCampaign(4);

        write(Topics.QUERY_BATCH, id, batch(id, 0, "s1", "s2"));
        awaitCampaign(id, c -> c.path("queried").equals(2));
        write(Topics.LABELS_RECEIVED, id, label(id, "s1", 0));
        write(Topics.LABELS_RECEIVED, id, label(id, "s1", 0)); // redelivered: counted once
        write(Topics.LABELS_RECEIVED, id, label(id, "s2", 2));
        Response campaign = awaitCampaign(id, c -> c.path("roundComplete").equals(true));

        assertEquals(2, (int) campaign.path("labeled"));
        assertEquals(2, (int) campaign.path("remaining"));
        assertEquals(0, (int) campaign.path("round"));
        assertEquals("ACTIVE", campaign.path("status"));
        assertEquals("synthetic", campaign.path("dataset"));
        assertEquals("random", campaign.path("strategy"));
        assertEquals(List.of(Map.of("round", 0, "queried", 2, "labeled", 2)),
                campaign.jsonPath().getList("rounds").stream().map(r -> withoutNulls((Map<?, ?>) r)).toList());
        given().get("/campaigns/{id}", id).then().body("labels", nullValue());
        given().get("/campaigns/{id}?labels=true", id).then().body("labels.sampleId", equalTo(List.of("s1", "s2")));
        given().get("/campaigns").then().statusCode(200).body("campaignId", hasItem(id));

        write(Topics.ROUND_EVALUATED, id, RoundEvaluated.newBuilder().setCampaignId(id).setRound(0).setLabeledCount(2)
                .setTestAccuracy(0.5).setHead("softmax").setStrategy("random").setDurationMs(1L)
                .setEvaluatedAt(Instant.now()).build());
        // null until the tracker has applied the evaluation: a poll before that must wait, not throw
        awaitCampaign(id, c -> c.jsonPath().get("rounds[0].testAccuracy") != null
                && c.jsonPath().getDouble("rounds[0].testAccuracy") == 0.5);
    }

    @Test
    void shouldCountAcceptedLabelsPerAnnotatorWhenSeveralLabelACampaign() {
        String id = createCampaign(4);

        write(Topics.QUERY_BATCH, id, batch(id, 0, "s1", "s2", "s3"));
        awaitCampaign(id, c -> c.path("queried").equals(3));
        write(Topics.LABELS_RECEIVED, id, label(id, "s1", 0, "alice"));
        write(Topics.LABELS_RECEIVED, id, label(id, "s2", 1, "acme"));
        write(Topics.LABELS_RECEIVED, id, label(id, "s1", 0, "acme")); // s1 is labeled: counts for nobody
        write(Topics.LABELS_RECEIVED, id, label(id, "s3", 2, "alice"));
        Response campaign = awaitCampaign(id, c -> c.path("roundComplete").equals(true));

        assertEquals(Map.of("alice", 2, "acme", 1), campaign.jsonPath().getMap("annotators"));
        given().get("/campaigns").then().body("find { it.campaignId == '" + id + "' }.annotators.alice", equalTo(2));
    }

    @Test
    void shouldDocumentThatTheCampaignApiNeedsABearerToken() {
        Response openApi = given().get("/q/openapi?format=json");

        openApi.then().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
        for (String operation : List.of("paths.'/campaigns'.post", "paths.'/campaigns'.get",
                "paths.'/campaigns/{id}'.get", "paths.'/campaigns/{id}/stop'.post")) {
            assertEquals(List.of(Map.of("bearer", List.of())), openApi.path(operation + ".security"), operation);
        }
    }

    @Test
    void shouldDeadLetterMalformedLabelAndKeepTrackingWhenGarbageArrives() {
        String id = createCampaign(4);
        write(Topics.QUERY_BATCH, id, batch(id, 0, "s1"));
        awaitCampaign(id, c -> c.path("queried").equals(1));

        EventLog.write(bootstrap, Topics.LABELS_RECEIVED, id, "{\"label\": 1}".getBytes(StandardCharsets.UTF_8));
        write(Topics.LABELS_RECEIVED, id, label(id, "s1", 1));

        awaitCampaign(id, c -> c.path("labeled").equals(1));
        List<Rejected> rejected = new ArrayList<>();
        try (EventLog log = new EventLog(bootstrap, List.of(Topics.DEAD_LETTER))) {
            await().atMost(PATIENCE).until(() -> {
                // raw records: the key tells which rejections belong to this test
                for (ConsumerRecord<String, byte[]> record : log.pollRecords(Duration.ofMillis(200))) {
                    if (id.equals(record.key())) {
                        rejected.add(EventCodec.decode(record.value(), Rejected.class));
                    }
                }
                return !rejected.isEmpty();
            });
        }
        Rejected r = rejected.get(0);
        assertEquals(Topics.LABELS_RECEIVED, r.getTopic());
        assertEquals(BudgetTopology.SERVICE, r.getService());
        assertEquals(true, r.getReason().startsWith("not an Avro single-object encoded event"), r.getReason());
    }

    @Test
    void shouldStopCampaignWhenAsked() {
        String id = createCampaign(4);

        given().contentType(ContentType.JSON).body(Map.of("reason", "enough"))
                .post("/campaigns/{id}/stop", id).then().statusCode(202);
        awaitCampaign(id, c -> c.path("status").equals("STOPPED"));

        given().contentType(ContentType.JSON).post("/campaigns/{id}/stop", id)
                .then().statusCode(409).body("message", equalTo("campaign " + id + " is already STOPPED"));
    }

    @Test
    void shouldBeReadyOnlyWithTheBudgetTrackerRunning() {
        // the tracker is RUNNING (awaitTracker): the Kafka Streams readiness check says so
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka Streams")));
    }

    @Test
    void shouldShowAFailedCampaignWithItsReasonAndResumeIt() {
        String id = createCampaign(4);
        given().contentType(ContentType.JSON).post("/campaigns/{id}/resume", id)
                .then().statusCode(409).body("message", containsString("only a FAILED campaign can be resumed"));

        write(Topics.CAMPAIGNS, id, CampaignFailed.newBuilder().setCampaignId(id)
                .setReason("dataset image-folder is not installed").setField("dataset").setValue("image-folder")
                .setService("trainer").setRound(-1).setFailedAt(Instant.now()).build());
        Response failed = awaitCampaign(id, c -> c.path("status").equals("FAILED"));
        assertEquals(Map.of("reason", "dataset image-folder is not installed", "field", "dataset",
                "value", "image-folder", "service", "trainer", "round", -1),
                withoutKey(failed.jsonPath().getMap("failure"), "failedAt"));

        given().contentType(ContentType.JSON).body(Map.of("reason", "folder restored"))
                .post("/campaigns/{id}/resume", id).then().statusCode(202);
        awaitCampaign(id, c -> c.path("status").equals("ACTIVE"));
        given().get("/campaigns/{id}", id).then().body("failure", nullValue());
        given().contentType(ContentType.JSON).post("/campaigns/{id}/resume", "nope-" + UUID.randomUUID())
                .then().statusCode(404);
    }

    private static Map<Object, Object> withoutKey(Map<Object, Object> map, String key) {
        Map<Object, Object> copy = new HashMap<>(map);
        copy.remove(key);
        return copy;
    }

    @Test
    void shouldAnswer400NamingFieldWhenBodyIsInvalid() {
        Map<String, Object> body = campaignBody("bad-" + UUID.randomUUID(), 10);
        body.put("budget", -5);
        given().contentType(ContentType.JSON).body(body).post("/campaigns")
                .then().statusCode(400)
                .body("field", equalTo("budget")).body("value", equalTo("-5")).body("message", equalTo("budget must be > 0"));

        body = campaignBody("bad-" + UUID.randomUUID(), 10);
        body.put("dataset", "mnist");
        given().contentType(ContentType.JSON).body(body).post("/campaigns")
                .then().statusCode(400).body("field", equalTo("dataset")).body("value", equalTo("mnist"));
    }

    @Test
    void shouldAnswer404WhenCampaignIsUnknown() {
        given().get("/campaigns/{id}", "nope-" + UUID.randomUUID()).then().statusCode(404).body("field", equalTo("campaignId"));
        given().contentType(ContentType.JSON).post("/campaigns/{id}/stop", "nope-" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void shouldAnswer409WhenCampaignIdIsTaken() {
        String id = createCampaign(4);
        given().contentType(ContentType.JSON).body(campaignBody(id, 4)).post("/campaigns")
                .then().statusCode(409).body("field", equalTo("campaignId"));
    }

    @Test
    void shouldGenerateIdWhenNoneIsGiven() {
        Map<String, Object> body = campaignBody(null, 4);
        String id = given().contentType(ContentType.JSON).body(body).post("/campaigns")
                .then().statusCode(202).extract().path("campaignId");
        assertEquals(id, UUID.fromString(id).toString());
        awaitCampaign(id, c -> c.path("status").equals("ACTIVE"));
    }

    // ---------------------------------------------------------------- helpers

    private String createCampaign(int budget) {
        String id = "it-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(campaignBody(id, budget)).post("/campaigns")
                .then().statusCode(202)
                .header("Location", endsWith("/campaigns/" + id))
                .body("campaignId", equalTo(id));
        awaitCampaign(id, c -> c.path("status").equals("ACTIVE")).then().body("budget", equalTo(budget))
                .body("round", equalTo(-1)).body("updatedAt", notNullValue());
        return id;
    }

    private static Map<String, Object> campaignBody(String id, int budget) {
        Map<String, Object> body = new HashMap<>();
        if (id != null) {
            body.put("campaignId", id);
        }
        body.put("dataset", "synthetic");
        body.put("budget", budget);
        body.put("initialSize", 2);
        body.put("batchSize", 2);
        body.put("strategy", "random");
        return body;
    }

    /** Polls GET /campaigns/{id} until it answers 200 with a campaign that fits; fails showing the last answer. */
    private static Response awaitCampaign(String id, Predicate<Response> fits) {
        Response[] last = new Response[1];
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
                last[0] = given().get("/campaigns/{id}", id);
                return last[0].statusCode() == 200 && fits.test(last[0]);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("campaign " + id + " never fit; last answer: "
                    + (last[0] == null ? "none" : last[0].statusCode() + " " + last[0].asString()), e);
        }
        return last[0];
    }

    private void write(String topic, String key, SpecificRecord event) {
        EventLog.write(bootstrap, topic, key, event);
    }

    private static Map<?, ?> withoutNulls(Map<?, ?> map) {
        Map<Object, Object> out = new HashMap<>(map);
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }

    private static QueryBatch batch(String id, int round, String... ids) {
        return QueryBatch.newBuilder().setCampaignId(id).setRound(round).setSampleIds(List.of(ids))
                .setNumClasses(3).setStrategy("random").setSelectionSeed(1L).setCreatedAt(Instant.now()).build();
    }

    private static LabelReceived label(String id, String sample, int label) {
        return label(id, sample, label, "it");
    }

    private static LabelReceived label(String id, String sample, int label, String annotator) {
        return LabelReceived.newBuilder().setCampaignId(id).setRound(0).setSampleId(sample).setLabel(label)
                .setAnnotatorId(annotator).setLabeledAt(Instant.now()).build();
    }
}
