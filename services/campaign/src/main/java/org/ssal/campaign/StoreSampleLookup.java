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
    private final KeyValueStore<String, LabeledSample> labels;
    private final KeyValueStore<String, CampaignCreated> definitions;

    StoreSampleLookup(KeyValueStore<String, Integer> queriedRounds, KeyValueStore<String, LabeledSample> labels,
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
        return labels.get(LabelKeys.key(campaignId, sampleId));
    }

    /** Stores the per-sample writes of an accepted decision. */
    void write(Decision.Accepted accepted) {
        String campaign = accepted.state().getCampaignId();
        Integer round = accepted.state().getRound();
        for (String id : accepted.newlyQueried()) {
            queriedRounds.put(LabelKeys.key(campaign, id), round);
        }
        LabeledSample label = accepted.newLabel();
        if (label != null) {
            labels.put(LabelKeys.key(campaign, label.getSampleId()), label);
        }
        if (accepted.newDefinition() != null) {
            definitions.put(campaign, accepted.newDefinition());
        }
    }
}
