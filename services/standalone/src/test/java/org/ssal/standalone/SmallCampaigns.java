package org.ssal.standalone;

import java.util.Map;
import org.ssal.standalone.chaos.ChaosCampaigns;

/** The campaign the multi-process tests create: the one {@code ssal chaos} runs, with their own sizes. */
final class SmallCampaigns {
    private SmallCampaigns() {
    }

    /** The POST /campaigns body (a mutable map: tests change the strategy). */
    static Map<String, Object> body(String id, int budget, int initialSize, int batchSize, long seed) {
        return ChaosCampaigns.body(id, budget, initialSize, batchSize, seed);
    }
}
