package org.ssal.schemas;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ssal.events.CampaignCreated;

/**
 * A campaign's hash chain, the log's tamper evidence: the campaign definition, then for each
 * round r its {@code QueryBatch} and its {@code RoundEvaluated}, each carrying a link
 * ({@code chainSha256}) that hashes the link before it with what that decision was derived from.
 *
 * <pre>
 * genesis    = H(definition of CampaignCreated)
 * batch(0)   = H(genesis,       labels = {},              round 0, strategy, seed, embeddings, ids)
 * eval(r)    = H(batch(r),      labels through round r,   accuracy)
 * batch(r+1) = H(eval(r),       labels through round r,   round r+1, strategy, seed, embeddings, ids)
 * </pre>
 *
 * Labels are hashed as the head is trained on them (sample id and label, in the ledger's
 * acceptance order), so a changed, removed or inserted label changes the next link; a removed,
 * inserted or altered batch or evaluation breaks the links after it. The text hashed is spelled
 * out field by field rather than taken from an Avro encoding, so a link stays the same when a
 * later schema version adds fields: an auditor's newer ssal recomputes an older log's links.
 */
public final class CampaignChain {
    private static final String VERSION = "ssal-chain-v1";

    private CampaignChain() {
    }

    /** The link before round 0's batch: the campaign's definition, every field that shapes its decisions. */
    public static String genesis(CampaignCreated c) {
        StringBuilder text = new StringBuilder(VERSION).append(" campaign\n");
        line(text, "campaignId", c.getCampaignId());
        line(text, "dataset", c.getDataset());
        line(text, "datasetOptions", new TreeMap<>(stringMap(c.getDatasetOptions())));
        line(text, "poolSize", c.getPoolSize());
        line(text, "testSize", c.getTestSize());
        line(text, "budget", c.getBudget());
        line(text, "initialSize", c.getInitialSize());
        line(text, "batchSize", c.getBatchSize());
        line(text, "strategy", c.getStrategy());
        line(text, "ssl", c.getSsl());
        line(text, "encoderSpec", c.getEncoderSpec());
        line(text, "pretrainEpochs", c.getPretrainEpochs());
        line(text, "head", c.getHead());
        line(text, "oracle", c.getOracle());
        line(text, "redundancy", c.getRedundancy());
        line(text, "aggregation", c.getAggregation());
        line(text, "seed", c.getSeed());
        line(text, "createdAt", c.getCreatedAt().toEpochMilli());
        return Sha256.sha256Hex(text.toString());
    }

    /**
     * The link of round {@code round}'s batch.
     *
     * @param previous the genesis for round 0, else the link of the previous round's evaluation
     * @param labels   sample id → label the batch was derived from, in training order
     */
    public static String batch(String previous, Map<String, Integer> labels, int round, String strategy, long seed,
                               String embeddingsSha256, List<String> sampleIds) {
        StringBuilder text = new StringBuilder(VERSION).append(" batch\n");
        line(text, "previous", previous);
        line(text, "labels", labels(labels));
        line(text, "round", round);
        line(text, "strategy", strategy);
        line(text, "seed", seed);
        line(text, "embeddings", embeddingsSha256);
        text.append("ids\n");
        sampleIds.forEach(id -> text.append(id).append('\n'));
        return Sha256.sha256Hex(text.toString());
    }

    /**
     * The link of round {@code round}'s evaluation.
     *
     * @param batchLink the link of the same round's batch
     * @param labels    sample id → label the head was trained on, in training order
     * @param accuracy  the test accuracy, hashed bit for bit
     */
    public static String evaluation(String batchLink, Map<String, Integer> labels, int round, double accuracy) {
        StringBuilder text = new StringBuilder(VERSION).append(" evaluation\n");
        line(text, "previous", batchLink);
        line(text, "labels", labels(labels));
        line(text, "round", round);
        line(text, "accuracy", Long.toHexString(Double.doubleToLongBits(accuracy)));
        return Sha256.sha256Hex(text.toString());
    }

    /** The sha256 of a labeled set as the chain hashes it: one {@code id<TAB>label} line each, in order. */
    public static String labels(Map<String, Integer> labels) {
        MessageDigest digest = Sha256.digest();
        labels.forEach((id, label) -> digest.update((id + '\t' + label + '\n').getBytes(StandardCharsets.UTF_8)));
        return Sha256.hex(digest);
    }

    private static void line(StringBuilder text, String name, Object value) {
        text.append(name).append(' ').append(value).append('\n');
    }

    private static Map<String, String> stringMap(Map<?, ?> map) {
        Map<String, String> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}
