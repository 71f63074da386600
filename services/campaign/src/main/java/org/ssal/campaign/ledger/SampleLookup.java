package org.ssal.campaign.ledger;

import org.ssal.events.CampaignCreated;
import org.ssal.events.LabeledSample;

/**
 * What the ledger knows besides the ledger itself: per (campaign, sample), read one sample at a
 * time so that a rule costs the same whatever the budget, and the campaign's definition. In the
 * tracker Kafka Streams stores, in unit tests maps.
 * The writes that go with a decision are in {@link Decision.Accepted}, not here.
 */
public interface SampleLookup {
    /** The round whose accepted query batch asked for the sample, or null when none did. */
    Integer queriedRound(String campaignId, String sampleId);

    /** The sample's accepted label, or null when it has none. */
    LabeledSample acceptedLabel(String campaignId, String sampleId);

    /** The CampaignCreated that opened the campaign, or null (none yet, or a ledger older than the definitions store). */
    CampaignCreated definition(String campaignId);
}
