package org.ssal.standalone;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The settings of one {@code ssal demo} campaign, defaults resolved ({@link DemoCommand#options()}). */
record DemoOptions(String dataset, Map<String, String> datasetOptions, Path dataDir, int poolSize, int testSize, int budget, int initialSize,
                   int batchSize, String strategy, String encoder, int epochs, String head, long seed,
                   Path summaryJson, String kafka, int timeoutMinutes, boolean datasetFellBack,
                   String oracle, int httpPort, int repeat) {

    DemoOptions {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
    }

    /** Whether a person labels the campaign on the page (--oracle human). */
    boolean human() {
        return "human".equals(oracle);
    }

    /** The campaign request, in the JSON shape of POST /campaigns. */
    Map<String, Object> campaignJson(String campaignId) {
        return campaignJson(campaignId, seed);
    }

    /** The campaign request with another seed (--repeat). */
    Map<String, Object> campaignJson(String campaignId, long seed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("campaignId", campaignId);
        json.put("dataset", dataset);
        if (!datasetOptions.isEmpty()) {
            json.put("datasetOptions", new TreeMap<>(datasetOptions));
        }
        json.put("poolSize", poolSize);
        json.put("testSize", testSize);
        json.put("budget", budget);
        json.put("initialSize", initialSize);
        json.put("batchSize", batchSize);
        json.put("strategy", strategy);
        json.put("encoder", encoder);
        json.put("pretrainEpochs", epochs);
        json.put("head", head);
        json.put("seed", seed);
        json.put("oracle", oracle);
        return json;
    }
}
