package org.ssal.labeling.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ssal.events.CampaignCreated;
import org.ssal.events.LabelReceived;
import org.ssal.learning.data.ImageSet;
import org.ssal.schemas.Topics;

/**
 * The gateway in Quarkus against a real broker: campaigns and batches arrive on Kafka as the
 * campaign API and the scorer would write them; people act over REST; labels leave on
 * labels-received.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class LabelingGatewayIT {
    private static final ImageSet POOL = GatewayFixture.pool();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "test.run")
    String run;
    @ConfigProperty(name = "test.token.alice")
    String alice;
    @ConfigProperty(name = "test.token.bob")
    String bob;
    @ConfigProperty(name = "test.token.carol")
    String carol;
    @ConfigProperty(name = "test.token.lead")
    String lead;
    @Inject
    LabelingGateway gateway;

    private GatewayFixture kafka;

    @BeforeEach
    void connect() {
        kafka = new GatewayFixture(bootstrap);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** Writes a human campaign and its first batch (the first {@code n} pool samples) and waits for the gateway. */
    private List<String> campaignWithBatch(String id, int budget, int redundancy, int leaseSeconds, int n) {
        List<String> samples = POOL.ids().subList(0, n);
        kafka.write(Topics.CAMPAIGNS, id, GatewayFixture.humanCampaign(id, budget, redundancy, leaseSeconds));
        kafka.write(Topics.QUERY_BATCH, id, GatewayFixture.batch(id, 0, samples, POOL));
        await().atMost(GatewayFixture.PATIENCE).until(() -> {
            Response progress = as(lead).get("/labeling/campaigns/{id}/progress", id);
            return progress.statusCode() == 200 && progress.path("queried").equals(n);
        });
        return samples;
    }

    private static Response lease(String token, String campaignId, int max) {
        return as(token).body(Map.of("campaignId", campaignId, "max", max)).post("/labeling/leases");
    }

    private static Response submit(String token, String leaseId, String sampleId, Integer label) {
        Map<String, Object> answer = new HashMap<>();
        answer.put("sampleId", sampleId);
        answer.put("label", label);
        return as(token).body(Map.of("labels", List.of(answer))).post("/labeling/leases/{id}/labels", leaseId);
    }

    private static void assertRefused(Response response, int status, String field, Object value) {
        response.then().statusCode(status).contentType(ContentType.JSON).body("field", equalTo(field))
                .body("value", equalTo(value)).body("message", not(equalTo("")));
    }

    @Test
    void shouldLeaseShowAndLabelSamplesAndRefuseWhatIsNotAllowed() throws IOException {
        String id = "main-" + run;
        List<String> s = campaignWithBatch(id, 20, 1, 600, 4);

        // who may ask
        assertRefused(given().contentType(ContentType.JSON).body(Map.of("campaignId", id)).post("/labeling/leases"),
                401, "Authorization", null);
        assertRefused(as("ssal_AAAAAAAA_" + "x".repeat(43)).body(Map.of("campaignId", id)).post("/labeling/leases"),
                401, "Authorization", "Bearer (hidden)");
        assertRefused(lease(carol, id, 2), 403, "campaignId", id);
        assertRefused(lease(alice, id, 0), 400, "max", 0);
        assertRefused(lease(alice, "elsewhere-" + run, 2), 403, "campaignId", "elsewhere-" + run);
        assertRefused(lease(lead, "nowhere-" + run, 2), 404, "campaignId", "nowhere-" + run);

        // a lease in query order, with images of the campaign's pool
        Response granted = lease(alice, id, 2);
        granted.then().statusCode(201).body("campaignId", equalTo(id)).body("tasks.sampleId", equalTo(s.subList(0, 2)))
                .body("tasks[0].classNames", equalTo(POOL.classNames()));
        String leaseId = granted.path("leaseId");
        Instant expiresAt = Instant.parse(granted.path("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now().plusSeconds(500)), "600 s lease: " + expiresAt);
        String imageUrl = granted.path("tasks[0].imageUrl");
        byte[] png = as(alice).get(imageUrl).then().statusCode(200).contentType("image/png").extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int index = POOL.indexOf(s.get(0));
        assertEquals(POOL.width(), image.getWidth());
        for (int p = 0; p < POOL.pixelsPerImage(); p++) {
            assertEquals(POOL.image(index)[p] & 0xFF, image.getRaster().getSample(p % POOL.width(), p / POOL.width(), 0));
        }
        assertRefused(as(carol).get(imageUrl), 403, "campaignId", id);
        given().get(imageUrl).then().statusCode(401);
        String notQueried = POOL.ids().get(30);
        assertRefused(as(alice).get(LabelingGateway.imageUrl(id, notQueried)), 404, "sampleId", notQueried);

        // answers: out of the lease, out of range, another's lease
        assertRefused(submit(alice, leaseId, s.get(2), 1), 400, "labels[0].sampleId", s.get(2));
        assertRefused(submit(alice, leaseId, s.get(0), 10), 400, "labels[0].label", 10);
        assertRefused(submit(bob, leaseId, s.get(0), 1), 403, "leaseId", leaseId);
        assertRefused(as(bob).get("/labeling/leases/{id}", leaseId), 403, "leaseId", leaseId);
        assertRefused(submit(alice, "no-such-lease", s.get(0), 1), 404, "leaseId", "no-such-lease");

        // provisional answer, undo, then both: the lease completes and the labels leave
        submit(alice, leaseId, s.get(0), 2).then().statusCode(200).body("recorded", equalTo(1))
                .body("ended", equalTo(false)).body("answers." + quoted(s.get(0)), equalTo(2));
        submit(alice, leaseId, s.get(0), null).then().statusCode(200).body("answers.size()", equalTo(0));
        Map<String, Object> first = Map.of("sampleId", s.get(0), "label", 3);
        Map<String, Object> second = Map.of("sampleId", s.get(1), "label", 0);
        Map<String, Object> both = Map.of("labels", List.of(first, second));
        as(alice).body(both).post("/labeling/leases/{id}/labels", leaseId).then().statusCode(200)
                .body("ended", equalTo(true)).body("endReason", equalTo("COMPLETED"))
                .body("labeled", equalTo(s.subList(0, 2)));
        as(alice).body(both).post("/labeling/leases/{id}/labels", leaseId).then().statusCode(200)
                .body("recorded", equalTo(0)).body("labeled.size()", equalTo(0)); // a retry
        assertRefused(submit(alice, leaseId, s.get(0), 4), 409, "leaseId", leaseId);
        List<LabelReceived> labels = kafka.awaitLabels(id, 2);
        assertEquals(2, labels.size(), "the retry emitted nothing: " + labels);
        assertEquals(Map.of(s.get(0), 3, s.get(1), 0), Map.of(labels.get(0).getSampleId(), labels.get(0).getLabel(),
                labels.get(1).getSampleId(), labels.get(1).getLabel()));
        assertEquals("alice", labels.get(0).getAnnotatorId());
        assertEquals(0, labels.get(0).getRound());

        // release gives samples back; extend moves the expiry
        Response bobs = lease(bob, id, 5);
        bobs.then().statusCode(201).body("tasks.sampleId", equalTo(s.subList(2, 4)));
        String bobsLease = bobs.path("leaseId");
        as(bob).post("/labeling/leases/{id}/release", bobsLease).then().statusCode(200).body("ended", equalTo(true))
                .body("endReason", equalTo("RELEASED"));
        Response again = lease(alice, id, 5);
        again.then().statusCode(201).body("tasks.sampleId", equalTo(s.subList(2, 4)));
        String aliceLease = again.path("leaseId");
        assertRefused(as(alice).body(Map.of("seconds", 0)).post("/labeling/leases/{id}/extend", aliceLease),
                400, "seconds", 0);
        Instant extended = Instant.parse(as(alice).body(Map.of("seconds", 7200))
                .post("/labeling/leases/{id}/extend", aliceLease).then().statusCode(200).extract().path("expiresAt"));
        assertTrue(extended.isAfter(Instant.now().plusSeconds(7000)), "extended to " + extended);
        submit(alice, aliceLease, s.get(2), 5).then().statusCode(200);

        // what the caller may see
        as(alice).get("/labeling/campaigns").then().statusCode(200).body("campaignId", hasItem(id));
        as(carol).get("/labeling/campaigns").then().statusCode(200).body("campaignId", not(hasItem(id)));
        assertRefused(as(carol).get("/labeling/campaigns/{id}/progress", id), 403, "campaignId", id);
        Response progress = as(alice).get("/labeling/campaigns/{id}/progress", id);
        progress.then().statusCode(200).body("labeled", equalTo(2)).body("queried", equalTo(4))
                .body("leasedNow", equalTo(2)).body("annotators.alice.submitted", equalTo(2))
                .body("annotators.alice.leasedNow", equalTo(2));

        // a restarted gateway rebuilds the same leases and progress from the log
        String leaseBefore = as(alice).get("/labeling/leases/{id}", aliceLease).then().statusCode(200).extract().asString();
        String endedBefore = as(alice).get("/labeling/leases/{id}", leaseId).then().statusCode(200)
                .body("ended", equalTo(true)).extract().asString();
        String progressBefore = progress.asString();
        gateway.rebuild();
        assertEquals(leaseBefore, as(alice).get("/labeling/leases/{id}", aliceLease).asString());
        assertEquals(endedBefore, as(alice).get("/labeling/leases/{id}", leaseId).asString());
        assertEquals(progressBefore, as(alice).get("/labeling/campaigns/{id}/progress", id).asString());
        as(alice).get("/labeling/leases?campaignId={id}", id).then().statusCode(200)
                .body("leaseId", equalTo(List.of(aliceLease))).body("[0].answers." + quoted(s.get(2)), equalTo(5));
    }

    @Test
    void shouldRefuseAnswersToAnExpiredLeaseAndPutItsOpenSamplesBack() {
        String id = "expiry-" + run;
        List<String> s = campaignWithBatch(id, 20, 1, 2, 2);
        Response granted = lease(alice, id, 2);
        String leaseId = granted.then().statusCode(201).extract().path("leaseId");
        submit(alice, leaseId, s.get(0), 1).then().statusCode(200).body("ended", equalTo(false));
        await().atMost(GatewayFixture.PATIENCE).until(() ->
                as(alice).get("/labeling/leases/{id}", leaseId).path("ended").equals(true));
        as(alice).get("/labeling/leases/{id}", leaseId).then().body("endReason", equalTo("EXPIRED"));
        assertRefused(submit(alice, leaseId, s.get(1), 1), 409, "leaseId", leaseId);
        assertRefused(as(alice).body(Map.of("seconds", 60)).post("/labeling/leases/{id}/extend", leaseId),
                409, "leaseId", leaseId);
        List<LabelReceived> labels = kafka.awaitLabels(id, 1);
        assertEquals(List.of(s.get(0)), labels.stream().map(LabelReceived::getSampleId).toList(),
                "the answer given before the expiry counts");
        lease(alice, id, 2).then().statusCode(201).body("tasks.sampleId", equalTo(List.of(s.get(1))));
    }

    @Test
    void shouldSendOneLabelWhenTwoAnnotatorsAnsweredASampleWithRedundancyTwo() {
        String id = "redundant-" + run;
        List<String> s = campaignWithBatch(id, 2, 2, 600, 1);
        String aliceLease = lease(alice, id, 1).then().statusCode(201).extract().path("leaseId");
        submit(alice, aliceLease, s.get(0), 4).then().statusCode(200).body("ended", equalTo(true))
                .body("labeled.size()", equalTo(0));
        lease(alice, id, 1).then().statusCode(200).body("tasks.size()", equalTo(0))
                .body("message", containsString("already has an answer from alice"));
        String bobsLease = lease(bob, id, 1).then().statusCode(201).body("tasks.sampleId", equalTo(s))
                .extract().path("leaseId");
        submit(bob, bobsLease, s.get(0), 4).then().statusCode(200).body("labeled", equalTo(s));

        List<LabelReceived> labels = kafka.awaitLabels(id, 1);
        assertEquals(1, labels.size(), labels.toString());
        assertEquals(4, labels.get(0).getLabel());
        assertEquals("majority(alice,bob)", labels.get(0).getAnnotatorId());
        as(lead).get("/labeling/campaigns/{id}/progress", id).then().statusCode(200).body("labeled", equalTo(1))
                .body("annotations", equalTo(2)).body("annotators.bob.agreement", equalTo(1.0f))
                .body("annotators.alice.agreement", equalTo(1.0f));
        lease(bob, id, 1).then().statusCode(200).body("tasks.size()", equalTo(0))
                .body("message", containsString("next batch is being picked"));
    }

    @Test
    void shouldRefuseCampaignsOfTheSimulatedOracleWithAReason() {
        String id = "main-sim-" + run;
        CampaignCreated simulated = CampaignCreated.newBuilder(GatewayFixture.humanCampaign(id, 4, 1, 60))
                .setOracle("simulated").build();
        kafka.write(Topics.CAMPAIGNS, id, simulated);
        await().atMost(GatewayFixture.PATIENCE).untilAsserted(() -> lease(lead, id, 1).then().statusCode(404)
                .body("message", containsString("simulated")));
        as(lead).get("/labeling/campaigns").then().body("campaignId", not(hasItem(id)));
        assertNotEquals(0, as(lead).get("/q/openapi").then().statusCode(200).extract().asString().indexOf("/labeling/leases"));
    }

    @Test
    void shouldDocumentThatTheLabelingApiNeedsABearerToken() {
        Response openApi = as(lead).get("/q/openapi?format=json");

        openApi.then().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/labeling/leases'.post.security", equalTo(List.of(Map.of("bearer", List.of()))));
    }

    private static String quoted(String key) {
        return "'" + key + "'";
    }
}
