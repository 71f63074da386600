package org.ssal.scorer;

import java.util.HashMap;
import java.util.Map;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.EmbeddingsReady;
import org.ssal.schemas.Catalogue;

/**
 * Where one campaign's rounds stand as far as the scorer is concerned: the campaign, its latest
 * embeddings and ledger, and the last round asked and evaluated. Rebuilt from the log after a
 * restart or a rebalance.
 */
final class CampaignRoundState {
    CampaignCreated campaign;
    EmbeddingsReady embeddings;
    BudgetState ledger;
    int lastQueriedRound = -1;
    int lastEvaluatedRound = -1;
    /** The strategy of the latest acquisition round (auto campaigns start with random). */
    String currentStrategy;
    /** The hash-chain link of each round's batch ({@link org.ssal.schemas.CampaignChain}), as the log holds them. */
    final Map<Integer, String> batchLinks = new HashMap<>();

    boolean embeddingsFitRound(int round) {
        // a frozen encoder serves every round; the supervised baseline re-embeds for each round and
        // an auto-encoder campaign announces each round's chosen features
        boolean perRound = !campaign.getSsl() || Catalogue.isAutoEncoder(campaign.getEncoderSpec());
        return embeddings != null && (!perRound || embeddings.getRound() == round);
    }
}
