package org.ssal.campaign.ledger;

import java.util.HashMap;
import java.util.Map;
import org.ssal.events.CampaignCreated;
import org.ssal.events.LabeledSample;
import org.ssal.schemas.LabelKeys;

/** The per-sample part of a ledger and the definitions in maps, for tests without Kafka Streams. */
public final class InMemorySampleLookup implements SampleLookup {
    private final Map<String, Integer> queriedRounds = new HashMap<>();
    private final Map<String, LabeledSample> labels = new HashMap<>();
    private final Map<String, CampaignCreated> definitions = new HashMap<>();

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

    /** Carries out the per-sample writes of an accepted decision, as the tracker's processor does. */
    public void write(Decision.Accepted accepted) {
        String campaign = accepted.state().getCampaignId();
        accepted.newlyQueried().forEach(id -> queriedRounds.put(LabelKeys.key(campaign, id), accepted.state().getRound()));
        if (accepted.newLabel() != null) {
            labels.put(LabelKeys.key(campaign, accepted.newLabel().getSampleId()), accepted.newLabel());
        }
        if (accepted.newDefinition() != null) {
            definitions.put(campaign, accepted.newDefinition());
        }
    }
}
