package org.ssal.standalone.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The campaigns a chaos run drives: small enough for two cores (a 400-image synthetic pool of 8x8
 * pixels, the pixels encoder, entropy), long enough to be cut many times (six rounds of ten labels
 * at {@link #ORACLE_DELAY_MS} each). Created as a user would, through the campaign service's API.
 */
public final class ChaosCampaigns {
    static final int BUDGET = 60;
    static final int INITIAL = 10;
    static final int BATCH = 10;
    /** The simulated oracle's time per label: a round of ten takes about half a second to label. */
    static final long ORACLE_DELAY_MS = 50;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ChaosCampaigns() {
    }

    static Map<String, Object> body(String id, long seed) {
        return body(id, BUDGET, INITIAL, BATCH, seed);
    }

    /**
     * The POST /campaigns body of a small campaign: a 400-image, 4-class synthetic pool, a
     * 100-image test split, pixels, entropy; small enough for 2 cores (the tests' campaigns too).
     */
    public static Map<String, Object> body(String id, int budget, int initialSize, int batchSize, long seed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", id);
        body.put("dataset", "synthetic");
        body.put("datasetOptions", Map.of("classes", "4", "train", "400", "test", "100", "size", "8"));
        body.put("poolSize", 400);
        body.put("testSize", 100);
        body.put("budget", budget);
        body.put("initialSize", initialSize);
        body.put("batchSize", batchSize);
        body.put("strategy", "entropy");
        body.put("encoder", "pixels");
        body.put("seed", seed);
        return body;
    }

    /**
     * POST /campaigns; true on 202. Anything else (the service restarting, a broker not yet back)
     * is false, and the caller asks again until its deadline.
     *
     * @throws IllegalStateException on a 4xx: the request itself is wrong, asking again will not help
     */
    static boolean create(int port, String id, long seed) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/campaigns"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body(id, seed))))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 409) {
                return true; // an earlier try went through before its answer was lost
            }
            if (response.statusCode() >= 400 && response.statusCode() < 500) {
                throw new IllegalStateException("POST /campaigns for " + id + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.statusCode() == 202;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the campaign request: " + e.getMessage(), e);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + id, e);
        }
    }
}
