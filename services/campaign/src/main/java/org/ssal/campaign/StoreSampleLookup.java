package org.ssal.campaign;

import org.apache.kafka.streams.state.KeyValueStore;
import org.ssal.campaign.ledger.Decision;
import org.ssal.campaign.ledger.SampleLookup;
import org.ssal.events.CampaignCreated;
import org.ssal.events.LabeledSample;
import org.ssal.schemas.LabelKeys;

/** {@link SampleLookup} over the tracker's two per-sample stores (keyed by {@link LabelKeys#key}) and its definitions store. */
final class StoreSampleLookup implements SampleLookup {
    private final KeyValueStore<String, Integer> queriedRounds;
    private final LabelStore labels;
    private final KeyValueStore<String, CampaignCreated> definitions;

    StoreSampleLookup(KeyValueStore<String, Integer> queriedRounds, LabelStore labels,
                      KeyValueStore<String, CampaignCreated> definitions) {
        this.queriedRounds = queriedRounds;
        this.labels = labels;
        this.definitions = definitions;
    }

    @Override
    public CampaignCreated definition(String campaignId) {
        return definitions.get(campaignId);
    }

    @Override
    public Integer queriedRound(String campaignId, String sampleId) {
        return queriedRounds.get(LabelKeys.key(campaignId, sampleId));
    }

    @Override
    public LabeledSample acceptedLabel(String campaignId, String sampleId) {
        return labels.get(campaignId, sampleId);
    }

    /**
     * Stores the per-sample writes of an accepted decision.
     *
     * @param encodedLabel its new label as written to the labels topic, or null when it has none
     */
    void write(Decision.Accepted accepted, byte[] encodedLabel) {
        String campaign = accepted.state().getCampaignId();
        Integer round = accepted.state().getRound();
        for (String id : accepted.newlyQueried()) {
            queriedRounds.put(LabelKeys.key(campaign, id), round);
        }
        if (encodedLabel != null) {
            labels.put(accepted.newLabel(), encodedLabel);
        }
        if (accepted.newDefinition() != null) {
            definitions.put(campaign, accepted.newDefinition());
        }
    }
}
