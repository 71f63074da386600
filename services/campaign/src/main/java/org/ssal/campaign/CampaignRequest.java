package org.ssal.campaign;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.ssal.events.CampaignCreated;
import org.ssal.schemas.Catalogue;

/**
 * The body of {@code POST /campaigns}: parsed from the JSON object field by field (so that a wrong
 * type is reported like a wrong value, naming the field), completed with defaults, validated, and
 * turned into the {@link CampaignCreated} event that every service acts on.
 *
 * @param campaignId     id of the campaign, {@code [A-Za-z0-9._-]{1,64}}; a random UUID when absent
 * @param dataset        one of {@link Catalogue#DATASETS}
 * @param datasetOptions dataset-specific options (e.g. labels=coarse for cifar100); default none
 * @param poolSize       cap on the unlabeled pool, 0 = the whole train split (default 0)
 * @param testSize       cap on the test split, 0 = the whole split (default 0)
 * @param budget         labels the campaign may buy, initial set included; &gt; 0
 * @param initialSize    size of the random initial set (round 0); in (0, budget]
 * @param batchSize      samples asked per later round; &gt; 0
 * @param strategy       one of {@link Catalogue#STRATEGIES}
 * @param ssl            frozen self-supervised encoder (true, default) or the supervised baseline
 * @param encoder        encoder spec (default "pixels")
 * @param pretrainEpochs SimSiam epochs, 0 = the trainer's default (default 0)
 * @param head           one of {@link Catalogue#HEADS} (default "logistic")
 * @param seed           seed of every random choice of the campaign (default 0)
 * @param oracle         who labels: one of {@link Catalogue#ORACLES} (default "simulated")
 * @param redundancy     annotations per sample, each by another annotator; in [1, {@value #MAX_REDUNDANCY}],
 *                       &gt; 1 only for human campaigns (default 1)
 * @param leaseSeconds   how long an annotator holds leased samples; in [{@value #MIN_LEASE_SECONDS},
 *                       {@value #MAX_LEASE_SECONDS}] (default {@value #DEFAULT_LEASE_SECONDS})
 * @param aggregation    one of {@link Catalogue#AGGREGATIONS} (default "majority")
 */
public record CampaignRequest(String campaignId, String dataset, Map<String, String> datasetOptions,
                              int poolSize, int testSize, int budget, int initialSize, int batchSize,
                              String strategy, boolean ssl, String encoder, int pretrainEpochs, String head,
                              long seed, String oracle, int redundancy, int leaseSeconds, String aggregation) {

    public static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** More annotations per sample than this buys agreement nobody needs at a price nobody pays. */
    public static final int MAX_REDUNDANCY = 20;
    /** Shorter leases expire while a person still looks at the first image. */
    public static final int MIN_LEASE_SECONDS = 10;
    /** One day, the longest extension the gateway grants too. */
    public static final int MAX_LEASE_SECONDS = 86_400;
    public static final int DEFAULT_LEASE_SECONDS = 600;

    public CampaignRequest {
        datasetOptions = datasetOptions == null ? Map.of() : Map.copyOf(datasetOptions);
    }

    private static final Set<String> FIELDS = Set.of("campaignId", "dataset", "datasetOptions", "poolSize",
            "testSize", "budget", "initialSize", "batchSize", "strategy", "ssl", "encoder", "pretrainEpochs",
            "head", "seed", "oracle", "redundancy", "leaseSeconds", "aggregation");

    /**
     * Reads a JSON object (as Jackson maps it: String, Integer/Long/BigInteger, Double/BigDecimal,
     * Boolean, Map) and fills in the defaults. Checks presence and types only; see {@link #validate()}.
     *
     * @throws InvalidFieldException naming the first field that is missing, unknown or of the wrong type
     */
    public static CampaignRequest parse(Map<String, Object> json) {
        if (json == null) {
            throw new InvalidFieldException("body", null, "a JSON object with the campaign is required");
        }
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidFieldException(field, json.get(field), "unknown field " + field
                        + " (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String campaignId = string(json, "campaignId", null);
        return new CampaignRequest(
                campaignId == null ? UUID.randomUUID().toString() : campaignId,
                string(json, "dataset", REQUIRED),
                options(json, "datasetOptions"),
                integer(json, "poolSize", 0),
                integer(json, "testSize", 0),
                integer(json, "budget", null),
                integer(json, "initialSize", null),
                integer(json, "batchSize", null),
                string(json, "strategy", REQUIRED),
                bool(json, "ssl", true),
                string(json, "encoder", Catalogue.DEFAULT_ENCODER),
                integer(json, "pretrainEpochs", 0),
                string(json, "head", Catalogue.DEFAULT_HEAD),
                longInteger(json, "seed", 0L),
                string(json, "oracle", Catalogue.DEFAULT_ORACLE),
                integer(json, "redundancy", 1),
                integer(json, "leaseSeconds", DEFAULT_LEASE_SECONDS),
                string(json, "aggregation", Catalogue.DEFAULT_AGGREGATION));
    }

    /**
     * Checks every value against the rules of a campaign.
     *
     * @return this request, valid
     * @throws InvalidFieldException naming the first invalid field and its value
     */
    public CampaignRequest validate() {
        if (campaignId == null || !CAMPAIGN_ID.matcher(campaignId).matches()) {
            throw new InvalidFieldException("campaignId", campaignId,
                    "campaignId must match " + CAMPAIGN_ID.pattern());
        }
        if (!known(Catalogue.DATASETS, dataset)) {
            throw new InvalidFieldException("dataset", dataset, "dataset must be one of " + Catalogue.DATASETS);
        }
        for (String key : datasetOptions.keySet()) {
            if (key.isBlank()) {
                throw new InvalidFieldException("datasetOptions", key, "datasetOptions keys must not be blank");
            }
        }
        if (poolSize < 0) {
            throw new InvalidFieldException("poolSize", poolSize, "poolSize must be >= 0 (0 = the whole split)");
        }
        if (testSize < 0) {
            throw new InvalidFieldException("testSize", testSize, "testSize must be >= 0 (0 = the whole split)");
        }
        if (budget <= 0) {
            throw new InvalidFieldException("budget", budget, "budget must be > 0");
        }
        if (poolSize > 0 && budget > poolSize) {
            throw new InvalidFieldException("budget", budget, "budget must be <= poolSize " + poolSize);
        }
        if (initialSize <= 0 || initialSize > budget) {
            throw new InvalidFieldException("initialSize", initialSize,
                    "initialSize must be > 0 and <= budget " + budget);
        }
        if (batchSize <= 0) {
            throw new InvalidFieldException("batchSize", batchSize, "batchSize must be > 0");
        }
        if (!known(Catalogue.STRATEGIES, strategy)) {
            throw new InvalidFieldException("strategy", strategy, "strategy must be one of " + Catalogue.STRATEGIES);
        }
        Catalogue.encoderSpecProblem(encoder).ifPresent(problem -> {
            throw new InvalidFieldException("encoder", encoder, problem);
        });
        if (ssl && encoder.startsWith("supervised:")) {
            throw new InvalidFieldException("encoder", encoder,
                    "a supervised encoder is the no-SSL baseline: set \"ssl\": false, or use pixels or simsiam:<network>");
        }
        if (!ssl && Catalogue.isAutoEncoder(encoder)) {
            throw new InvalidFieldException("encoder", encoder,
                    "auto chooses among frozen encoders every round: it needs \"ssl\": true");
        }
        if (pretrainEpochs < 0) {
            throw new InvalidFieldException("pretrainEpochs", pretrainEpochs,
                    "pretrainEpochs must be >= 0 (0 = the trainer's default)");
        }
        if (!known(Catalogue.HEADS, head)) {
            throw new InvalidFieldException("head", head, "head must be one of " + Catalogue.HEADS);
        }
        validateOracle();
        return this;
    }

    private void validateOracle() {
        if (!known(Catalogue.ORACLES, oracle)) {
            throw new InvalidFieldException("oracle", oracle, "oracle must be one of " + Catalogue.ORACLES);
        }
        if (redundancy < 1 || redundancy > MAX_REDUNDANCY) {
            throw new InvalidFieldException("redundancy", redundancy,
                    "redundancy must be in [1, " + MAX_REDUNDANCY + "] (annotations per sample)");
        }
        if (redundancy > 1 && !oracle.equals("human")) {
            // the simulated oracle answers once with the ground truth: more annotations would never come
            throw new InvalidFieldException("redundancy", redundancy,
                    "redundancy > 1 needs \"oracle\": \"human\" (the simulated oracle answers each sample once)");
        }
        if (leaseSeconds < MIN_LEASE_SECONDS || leaseSeconds > MAX_LEASE_SECONDS) {
            throw new InvalidFieldException("leaseSeconds", leaseSeconds,
                    "leaseSeconds must be in [" + MIN_LEASE_SECONDS + ", " + MAX_LEASE_SECONDS + "]");
        }
        if (!known(Catalogue.AGGREGATIONS, aggregation)) {
            throw new InvalidFieldException("aggregation", aggregation,
                    "aggregation must be one of " + Catalogue.AGGREGATIONS);
        }
    }

    /** The event, stamped with the time the API accepted it. */
    public CampaignCreated toEvent(Instant createdAt) {
        return CampaignCreated.newBuilder()
                .setCampaignId(campaignId).setDataset(dataset).setDatasetOptions(new LinkedHashMap<>(datasetOptions))
                .setPoolSize(poolSize).setTestSize(testSize)
                .setBudget(budget).setInitialSize(initialSize).setBatchSize(batchSize)
                .setStrategy(strategy).setSsl(ssl).setEncoderSpec(encoder).setPretrainEpochs(pretrainEpochs)
                .setHead(head).setSeed(seed).setCreatedAt(createdAt)
                .setOracle(oracle).setRedundancy(redundancy).setLeaseSeconds(leaseSeconds).setAggregation(aggregation)
                .build();
    }

    /** A field of the request that is missing, unknown, of the wrong type or out of range (HTTP 400). */
    public static final class InvalidFieldException extends RuntimeException {
        private final String field;
        private final String value;

        public InvalidFieldException(String field, Object value, String message) {
            super(message);
            this.field = field;
            this.value = String.valueOf(value);
        }

        public String field() {
            return field;
        }

        /** The offending value as text ("null" when it was missing). */
        public String value() {
            return value;
        }

        /** The JSON answer: {"field": ..., "value": ..., "message": ...}. */
        public Map<String, String> toJson() {
            Map<String, String> json = new LinkedHashMap<>();
            json.put("field", field);
            json.put("value", value);
            json.put("message", getMessage());
            return json;
        }
    }

    private static boolean known(List<String> names, String name) {
        return name != null && names.contains(name); // List.of(..).contains(null) throws
    }

    /** Marks a string field without default. */
    private static final String REQUIRED = "\u0000required";

    private static String string(Map<String, Object> json, String field, String fallback) {
        Object value = json.get(field);
        if (value == null) {
            if (REQUIRED.equals(fallback)) {
                throw new InvalidFieldException(field, null, field + " is required");
            }
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw new InvalidFieldException(field, value, field + " must be a string");
        }
        return text;
    }

    private static Integer integer(Map<String, Object> json, String field, Integer fallback) {
        Object value = json.get(field);
        if (value == null) {
            if (fallback == null) {
                throw new InvalidFieldException(field, null, field + " is required");
            }
            return fallback;
        }
        long number = wholeNumber(field, value);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new InvalidFieldException(field, value, field + " is out of the integer range");
        }
        return (int) number;
    }

    private static long longInteger(Map<String, Object> json, String field, long fallback) {
        Object value = json.get(field);
        return value == null ? fallback : wholeNumber(field, value);
    }

    private static long wholeNumber(String field, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            if (value instanceof BigInteger big) {
                return big.longValueExact();
            }
            if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
                return new BigDecimal(value.toString()).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through: a fraction, too large, NaN or infinite
        }
        throw new InvalidFieldException(field, value, field + " must be an integer");
    }

    private static boolean bool(Map<String, Object> json, String field, boolean fallback) {
        Object value = json.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw new InvalidFieldException(field, value, field + " must be true or false");
        }
        return flag;
    }

    private static Map<String, String> options(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidFieldException(field, value, field + " must be an object of name: value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object option = entry.getValue();
            if (!(option instanceof String || option instanceof Number || option instanceof Boolean)) {
                throw new InvalidFieldException(field + "." + entry.getKey(), option,
                        "dataset options must be strings, numbers or booleans");
            }
            out.put(String.valueOf(entry.getKey()), String.valueOf(option));
        }
        return Map.copyOf(out);
    }
}
