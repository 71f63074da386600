package org.ssal.standalone;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ssal.service.testing.KafkaBrokerResource;

/**
 * Campaigns that cannot go on, through all services and a real broker: what the API can check
 * answers 400; what only the trainer finds (a dataset not there, a pool smaller than the campaign)
 * makes the campaign FAILED with the field and value, and a resume after the fix lets it finish.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class) // this class only: other ITs bring their own broker setup
@TestProfile(FailedCampaignIT.EmptyDataDir.class)
class FailedCampaignIT {
    static final Path DATA = Path.of("target", "failed-campaign-it-data").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** A data folder of this test's own, empty until the test puts an image folder in it. */
    public static class EmptyDataDir implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ssal.data.dir", DATA.toString());
        }
    }

    /** Kafka Streams joins its group after Quarkus started; until then the API answers 503. */
    @BeforeEach
    void awaitTracker() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/campaigns").statusCode() == 200);
    }

    @Test
    void shouldRefuseAnUnknownEncoderWith400() {
        given().contentType("application/json").body(campaign("bad-encoder", 20, 10, Map.of("encoder", "nope")))
                .post("/campaigns").then().statusCode(400)
                .body("field", equalTo("encoder")).body("value", equalTo("nope"))
                .body("message", containsString("unknown encoder spec 'nope'"));
    }

    @Test
    void shouldFailOnAMissingDatasetAndFinishWhenResumedAfterTheFix() throws IOException {
        deleteTree(DATA);
        String id = "missing-" + System.nanoTime();
        given().contentType("application/json").body(campaign(id, 20, 10, Map.of())).post("/campaigns")
                .then().statusCode(202);
        JsonPath failed = awaitCampaign(id, c -> "FAILED".equals(c.getString("status")));
        assertEquals("dataset", failed.getString("failure.field"));
        assertEquals("image-folder", failed.getString("failure.value"));
        assertEquals("trainer", failed.getString("failure.service"));

        writeImageFolder(DATA.resolve("image-folder"), 30);
        given().contentType("application/json").body(Map.of("reason", "folder in place"))
                .post("/campaigns/{id}/resume", id).then().statusCode(202);
        JsonPath done = awaitCampaign(id, c -> "COMPLETED".equals(c.getString("status")));
        assertEquals(20, done.getInt("labeled"));
        assertEquals(List.of(0, 1), done.getList("rounds.round"));
        assertTrue(done.getString("failure") == null, "a resumed campaign shows no failure");

        // the folder holds 60 images, 48 of them in the pool: an initial set of 50 cannot be drawn
        String tooLarge = "too-large-" + System.nanoTime();
        given().contentType("application/json").body(campaign(tooLarge, 55, 50, Map.of())).post("/campaigns")
                .then().statusCode(202);
        JsonPath pool = awaitCampaign(tooLarge, c -> "FAILED".equals(c.getString("status")));
        assertEquals(List.of("initialSize", "50"), List.of(pool.getString("failure.field"), pool.getString("failure.value")));
        assertTrue(pool.getString("failure.reason").contains("(48 samples)"), pool.getString("failure.reason"));
    }

    private static Map<String, Object> campaign(String id, int budget, int initial, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("campaignId", id, "dataset", "image-folder",
                "budget", budget, "initialSize", initial, "batchSize", 10, "strategy", "random", "seed", 3));
        body.putAll(extra);
        return body;
    }

    private static JsonPath awaitCampaign(String id, Predicate<JsonPath> condition) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            var response = given().get("/campaigns/{id}", id);
            last[0] = response.statusCode() == 200 ? response.jsonPath() : null;
            return last[0] != null && condition.test(last[0]);
        });
        return last[0];
    }

    /** n random 8×8 PNGs in each of two class folders. */
    private static void writeImageFolder(Path root, int n) throws IOException {
        SplittableRandom random = new SplittableRandom(9);
        for (String cls : List.of("cat", "dog")) {
            Files.createDirectories(root.resolve(cls));
            for (int i = 0; i < n; i++) {
                BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                for (int p = 0; p < 64; p++) {
                    int base = cls.equals("cat") ? 0x202020 : 0xA0A0A0;
                    image.setRGB(p % 8, p / 8, base + random.nextInt(0x202020));
                }
                ImageIO.write(image, "png", root.resolve(cls + "/img" + i + ".png").toFile());
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
