package org.ssal.schemas;

import java.util.List;

/**
 * Topic names of DESIGN §3. Every topic is keyed by campaign id (labels: by campaign and sample,
 * in the campaign's partition), so the events of one campaign stay in one partition and in order. Values are single-object encoded Avro ({@link EventCodec}).
 */
public final class Topics {
    public static final String CAMPAIGNS = "campaigns";
    public static final String PRETRAIN_COMPLETE = "pretrain-complete";
    public static final String EMBEDDINGS_READY = "embeddings-ready";
    public static final String QUERY_BATCH = "query-batch";
    public static final String LABELS_RECEIVED = "labels-received";
    public static final String ROUND_EVALUATED = "round-evaluated";
    public static final String BUDGET_STATE = "budget-state";
    /**
     * Accepted labels ({@code LabeledSample}), compacted: the one topic not keyed by campaign id
     * alone but by {@link LabelKeys#key campaign and sample}, and still partitioned by campaign id.
     */
    public static final String LABELS = "labels";
    public static final String DEAD_LETTER = "dead-letter";
    public static final String STRATEGY_SWITCHED = "strategy-switched";
    /** The trainer's choice of feature set for each round of an {@code auto}-encoder campaign. */
    public static final String ENCODER_CHOSEN = "encoder-chosen";
    /** The labeling gateway's own log: leases, answers, lease ends; its state is rebuilt from it. */
    public static final String LABELING = "labeling";

    public static final List<String> ALL = List.of(CAMPAIGNS, PRETRAIN_COMPLETE, EMBEDDINGS_READY, QUERY_BATCH,
            LABELS_RECEIVED, ROUND_EVALUATED, BUDGET_STATE, LABELS, DEAD_LETTER, STRATEGY_SWITCHED, ENCODER_CHOSEN,
            LABELING);

    private Topics() {
    }
}
