package org.ssal.standalone;

import java.util.LinkedHashMap;
import java.util.Map;

/** The campaign the multi-process tests create: synthetic data small enough for 2 cores, pixels, entropy. */
final class SmallCampaigns {
    private SmallCampaigns() {
    }

    /** The POST /campaigns body: a 400-image, 4-class synthetic pool and a 100-image test split. */
    static Map<String, Object> body(String id, int budget, int initialSize, int batchSize, long seed) {
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
}
