package org.ssal.labeling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.ssal.events.AnswersSubmitted;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignStopped;
import org.ssal.events.LeaseEnded;
import org.ssal.events.LeaseExtended;
import org.ssal.events.LeaseGranted;
import org.ssal.events.QueryBatch;
import org.ssal.labeling.LabelingCampaign.FinalLabel;

/**
 * The gateway's view of every human-labeled campaign, built from three topics: {@code campaigns}
 * (which campaigns are human-labeled, and with which settings), {@code query-batch} (what to
 * label) and the gateway's own {@code labeling} log (leases and answers). Plain Java: the Kafka
 * adapter feeds it at start (a replay) and live, and the same events always give the same view.
 *
 * <p>Input events are idempotent (a replayed campaign or batch changes nothing). Topics are read
 * in no fixed order relative to each other, so a batch whose campaign has not been seen yet is
 * kept until the campaign arrives. Campaigns of the simulated oracle are remembered only as such,
 * so that the gateway can say why it refuses them.
 */
public final class HumanCampaigns {
    /** {@code CampaignCreated.oracle} of the campaigns the gateway serves. */
    public static final String HUMAN = "human";

    private final Map<String, CampaignCreated> created = new LinkedHashMap<>();
    private final Map<String, LabelingCampaign> campaigns = new LinkedHashMap<>();
    private final Map<String, String> notServed = new HashMap<>();
    private final Set<String> stopped = new HashSet<>();
    private final Map<String, List<QueryBatch>> early = new HashMap<>();
    private final Map<String, String> campaignOfLease = new HashMap<>();

    /**
     * Takes an event of the {@code campaigns} or {@code query-batch} topic (others are ignored).
     *
     * @return a warning when a human campaign's settings cannot be served (logged by the adapter), else null
     */
    public String observe(SpecificRecord event) {
        if (event instanceof CampaignCreated campaign) {
            return onCreated(campaign);
        }
        if (event instanceof CampaignStopped stop) {
            stopped.add(stop.getCampaignId());
        } else if (event instanceof QueryBatch batch) {
            LabelingCampaign campaign = campaigns.get(batch.getCampaignId());
            if (campaign != null) {
                campaign.onQueryBatch(batch);
            } else if (!notServed.containsKey(batch.getCampaignId())) {
                early.computeIfAbsent(batch.getCampaignId(), id -> new ArrayList<>()).add(batch);
            }
        }
        return null;
    }

    private String onCreated(CampaignCreated campaign) {
        String id = campaign.getCampaignId();
        if (campaigns.containsKey(id) || notServed.containsKey(id)) {
            return null; // replayed or redelivered
        }
        List<QueryBatch> waiting = early.remove(id);
        if (!HUMAN.equals(campaign.getOracle())) {
            notServed.put(id, "campaign " + id + " is labeled by the " + campaign.getOracle()
                    + " oracle, not by people (its CampaignCreated has oracle=" + campaign.getOracle() + ")");
            return null;
        }
        LabelingCampaign labeling;
        try {
            labeling = new LabelingCampaign(new LabelingCampaign.Settings(id, campaign.getBudget(),
                    campaign.getRedundancy(), Duration.ofSeconds(campaign.getLeaseSeconds()),
                    Aggregation.parse(campaign.getAggregation())));
        } catch (IllegalArgumentException e) {
            String reason = "human campaign " + id + " cannot be labeled here: " + e.getMessage();
            notServed.put(id, reason);
            return reason;
        }
        created.put(id, campaign);
        campaigns.put(id, labeling);
        if (waiting != null) {
            waiting.forEach(labeling::onQueryBatch);
        }
        return null;
    }

    /**
     * Applies an event of the {@code labeling} log.
     *
     * @return samples that got their final label through it
     */
    public List<FinalLabel> apply(SpecificRecord event) {
        String campaignId = campaignIdOf(event);
        LabelingCampaign campaign = campaignId == null ? null : campaigns.get(campaignId);
        if (campaign == null) {
            return List.of(); // not a lease event, or of a campaign this gateway does not serve
        }
        if (event instanceof LeaseGranted granted) {
            campaignOfLease.put(granted.getLeaseId(), campaignId);
        }
        return campaign.apply(event);
    }

    private static String campaignIdOf(SpecificRecord event) {
        if (event instanceof LeaseGranted e) {
            return e.getCampaignId();
        } else if (event instanceof LeaseExtended e) {
            return e.getCampaignId();
        } else if (event instanceof AnswersSubmitted e) {
            return e.getCampaignId();
        } else if (event instanceof LeaseEnded e) {
            return e.getCampaignId();
        }
        return null;
    }

    /** The human campaign, if the gateway serves it. */
    public Optional<LabelingCampaign> campaign(String campaignId) {
        return Optional.ofNullable(campaigns.get(campaignId));
    }

    /** The CampaignCreated of a served campaign (dataset, pool), or null. */
    public CampaignCreated createdOf(String campaignId) {
        return created.get(campaignId);
    }

    /** Served campaigns, in the order they were created. */
    public Collection<LabelingCampaign> all() {
        return campaigns.values();
    }

    public boolean isStopped(String campaignId) {
        return stopped.contains(campaignId);
    }

    /** The campaign a lease belongs to, or null for an unknown lease. */
    public String campaignOfLease(String leaseId) {
        return campaignOfLease.get(leaseId);
    }

    /** Why the gateway does not serve a campaign (unknown, another oracle, bad settings). */
    public String whyNotServed(String campaignId) {
        return notServed.getOrDefault(campaignId, "no human campaign " + campaignId + " (unknown campaign id)");
    }

    /** Whether every label the campaign buys is in (or it was stopped): nothing more will be asked. */
    public boolean isFinished(String campaignId) {
        LabelingCampaign campaign = campaigns.get(campaignId);
        return stopped.contains(campaignId)
                || campaign != null && campaign.finals().size() >= campaign.settings().budget();
    }

    /** Why a lease request of this annotator found nothing to lease, in words for the page. */
    public String whyNothingToLease(String campaignId, String annotatorId) {
        LabelingCampaign campaign = campaigns.get(campaignId);
        if (campaign == null) {
            return whyNotServed(campaignId);
        }
        if (stopped.contains(campaignId)) {
            return "campaign " + campaignId + " was stopped; there is nothing more to label";
        }
        if (campaign.finals().size() >= campaign.settings().budget()) {
            return "campaign " + campaignId + " is complete: all " + campaign.settings().budget() + " labels are in";
        }
        if (campaign.queried().isEmpty()) {
            return "campaign " + campaignId + " has nothing to label yet: the first batch is being picked";
        }
        if (campaign.finals().keySet().containsAll(campaign.queried().keySet())) {
            int round = campaign.queried().values().stream().mapToInt(Integer::intValue).max().orElse(0);
            return "round " + round + " of campaign " + campaignId + " is done; the next batch is being picked";
        }
        return "every open sample of campaign " + campaignId + " is leased to other annotators or already has "
                + "an answer from " + annotatorId + "; samples come back when their leases end";
    }
}
