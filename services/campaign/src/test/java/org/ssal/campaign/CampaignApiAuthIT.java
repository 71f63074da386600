package org.ssal.campaign;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the campaign API against the token rules, with auth on: no token, a malformed
 * header, a revoked or made-up token → 401; an annotator token → 403; the admin token gets in.
 */
@QuarkusTest
@WithTestResource(CampaignAuthTestResource.class)
class CampaignApiAuthIT {
    // read, not injected: injected test config is checked when any other test class starts Quarkus
    private String admin;
    private String annotator;
    private String revoked;

    @BeforeEach
    void readTokens() {
        var config = ConfigProvider.getConfig();
        admin = config.getValue("test.token.admin", String.class);
        annotator = config.getValue("test.token.annotator", String.class);
        revoked = config.getValue("test.token.revoked", String.class);
    }

    private record Endpoint(String name, Function<RequestSpecification, Response> call) {
    }

    private static final String BODY = "{\"campaignId\":\"auth-c1\",\"dataset\":\"synthetic\",\"budget\":4,"
            + "\"initialSize\":2,\"batchSize\":2,\"strategy\":\"random\"}";

    private static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST /campaigns", r -> r.contentType("application/json").body(BODY).post("/campaigns")),
                new Endpoint("GET /campaigns", r -> r.get("/campaigns")),
                new Endpoint("GET /campaigns/{id}", r -> r.get("/campaigns/auth-c1")),
                new Endpoint("GET /campaigns/{id}?labels=true", r -> r.get("/campaigns/auth-c1?labels=true")),
                new Endpoint("POST /campaigns/{id}/stop", r -> r.contentType("application/json").body("{}")
                        .post("/campaigns/unknown-campaign/stop")));
    }

    @Test
    void shouldAnswer401WhenTheTokenIsMissingMalformedRevokedOrMadeUp() {
        String madeUp = admin.substring(0, admin.length() - 3) + (admin.endsWith("xyz") ? "abc" : "xyz");
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("none", null);
        headers.put("basic", "Basic " + admin);
        headers.put("bare token", admin);
        headers.put("revoked", "Bearer " + revoked);
        headers.put("made up", "Bearer " + madeUp);
        for (Endpoint endpoint : endpoints()) {
            headers.forEach((kind, header) -> {
                RequestSpecification request = given();
                if (header != null) {
                    request.header("Authorization", header);
                }
                Response answer = endpoint.call().apply(request);
                assertEquals(401, answer.statusCode(), endpoint.name() + " with " + kind + ": " + answer.asString());
                assertEquals("Authorization", answer.path("field"), endpoint.name());
                assertTrue(answer.header("WWW-Authenticate").startsWith("Bearer"), endpoint.name());
                for (String token : List.of(admin, revoked, madeUp)) {
                    String secret = token.substring(14);
                    assertFalse(answer.asString().contains(secret), "the secret never comes back: " + endpoint.name());
                }
            });
        }
    }

    @Test
    void shouldAnswer403WhenTheTokenIsAnAnnotatorsEvenForACampaignOnIt() {
        for (Endpoint endpoint : endpoints()) {
            Response answer = endpoint.call().apply(given().header("Authorization", "Bearer " + annotator));
            assertEquals(403, answer.statusCode(), endpoint.name() + ": " + answer.asString());
            assertEquals("Authorization", answer.path("field"));
            assertTrue(answer.<String>path("message").contains("admin token"), answer.asString());
        }
    }

    @Test
    void shouldLetTheAdminTokenInOnEveryEndpoint() {
        // the tracker joins its group after Quarkus started: reads answer 503 until then
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().header("Authorization", "Bearer " + admin).get("/campaigns").statusCode() == 200);
        for (Endpoint endpoint : endpoints()) {
            int status = endpoint.call().apply(given().header("Authorization", "Bearer " + admin)).statusCode();
            assertNotEquals(401, status, endpoint.name());
            assertNotEquals(403, status, endpoint.name());
        }
        given().header("Authorization", "Bearer " + admin).contentType("application/json").body(BODY.replace("auth-c1", "auth-c2"))
                .post("/campaigns").then().statusCode(202);
        given().header("Authorization", "bearer  " + admin).contentType("application/json")
                .body("{\"dataset\":\"mnist\"}").post("/campaigns").then().statusCode(400);
    }
}
