package org.ssal.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;
import org.ssal.events.CampaignCreated;
import org.ssal.events.LabelReceived;
import org.ssal.events.QueryBatch;
import org.ssal.learning.data.DatasetRoots;
import org.ssal.learning.data.DatasetSpec;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.seed.CampaignSeeds;
import org.ssal.learning.seed.Purpose;
import org.ssal.schemas.Topics;
import org.ssal.service.CampaignFailedException;
import org.ssal.service.EventService;
import org.ssal.service.Outbox;
import org.ssal.service.RejectedEventException;

/**
 * Answers query batches with the dataset's ground truth, as the paper's experiments do, optionally
 * like a slow or noisy annotator: a fixed delay per label and a label error rate. A wrong label is
 * a uniformly drawn other class, drawn from the campaign's {@link Purpose#ORACLE_NOISE} stream of
 * that sample id, so a replayed batch gets exactly the same answers.
 *
 * <p>It answers only campaigns whose {@code oracle} is {@code simulated}: the batches of a human
 * campaign are for people (the labeling gateway) and vendors, and a ground-truth answer would
 * take their work away.
 */
final class SimulatedOracle implements EventService.View {
    /** @param delayMillis pause before each label; @param errorRate probability of a wrong label */
    record Behaviour(long delayMillis, double errorRate, Path dataDir) {
        Behaviour {
            if (delayMillis < 0) {
                throw new IllegalArgumentException("ssal.oracle.delay-ms must be >= 0, got " + delayMillis);
            }
            if (!(errorRate >= 0 && errorRate <= 1)) {
                throw new IllegalArgumentException("ssal.oracle.error-rate must be in [0, 1], got " + errorRate);
            }
        }
    }

    static final String ANNOTATOR = "simulated-oracle";
    /** {@code CampaignCreated.oracle} of the campaigns this oracle answers. */
    static final String SIMULATED = "simulated";
    private final Behaviour behaviour;
    private final Clock clock;
    private final Map<String, CampaignCreated> campaigns = new HashMap<>();
    private final Map<String, ImageSet> groundTruth = new HashMap<>();

    private Runnable catchUpOnCampaigns = () -> { };

    SimulatedOracle(Behaviour behaviour, Clock clock) {
        this.behaviour = behaviour;
        this.clock = clock;
    }

    /** How to read the campaigns topic to its end when a batch names a campaign not seen yet. */
    void catchUpOnCampaignsWith(Runnable catchUp) {
        this.catchUpOnCampaigns = catchUp;
    }

    /** Forgets the campaigns (the ground truth stays: it is read from the dataset, not from the log). */
    @Override
    public synchronized void forget() {
        campaigns.clear();
    }

    @Override
    public synchronized void observe(SpecificRecord event) {
        if (event instanceof CampaignCreated created) {
            campaigns.putIfAbsent(created.getCampaignId(), created); // a redefinition is refused by the tracker
        }
    }

    synchronized void handle(SpecificRecord event, Outbox out) {
        observe(event);
        if (!(event instanceof QueryBatch batch)) {
            return;
        }
        if (!campaigns.containsKey(batch.getCampaignId())) {
            // topics are consumed in no fixed order: the CampaignCreated may not have been polled yet
            catchUpOnCampaigns.run();
        }
        CampaignCreated campaign = campaigns.get(batch.getCampaignId());
        if (campaign == null) {
            throw new RejectedEventException("query batch of unknown campaign " + batch.getCampaignId());
        }
        if (!SIMULATED.equals(campaign.getOracle())) {
            return; // someone else's work, not an error
        }
        ImageSet truth = groundTruth(campaign, batch.getRound());
        requireInPool(campaign, batch, truth);
        for (String sampleId : batch.getSampleIds()) {
            pause();
            out.send(Topics.LABELS_RECEIVED, batch.getCampaignId(), LabelReceived.newBuilder()
                    .setCampaignId(batch.getCampaignId()).setRound(batch.getRound()).setSampleId(sampleId)
                    .setLabel(answer(truth.labelOf(sampleId), truth.numClasses(), campaign.getSeed(), sampleId))
                    .setAnnotatorId(ANNOTATOR).setLabeledAt(clock.instant()).build());
        }
    }

    int answer(int trueLabel, int numClasses, long campaignSeed, String sampleId) {
        if (behaviour.errorRate() == 0 || numClasses < 2) {
            return trueLabel;
        }
        SplittableRandom random = CampaignSeeds.of(campaignSeed).stream(Purpose.ORACLE_NOISE, sampleId);
        if (random.nextDouble() >= behaviour.errorRate()) {
            return trueLabel;
        }
        int other = random.nextInt(numClasses - 1);
        return other >= trueLabel ? other + 1 : other;
    }

    private void pause() {
        if (behaviour.delayMillis() > 0) {
            try {
                Thread.sleep(behaviour.delayMillis()); // imitates a slow annotator, on purpose
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while labeling", e);
            }
        }
    }

    /**
     * A batch naming samples the dataset does not have. The oracle is where this can be checked:
     * it turns every id into an image and its true label, while the budget tracker knows ids only
     * as strings (the pool lives in the trainer's artifacts). By now the tracker has counted the
     * batch, so its round can never complete: the campaign fails, visibly, naming the ids, instead
     * of waiting forever for labels nobody can give.
     */
    private static void requireInPool(CampaignCreated campaign, QueryBatch batch, ImageSet truth) {
        List<String> unknown = batch.getSampleIds().stream().filter(id -> !truth.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new CampaignFailedException(campaign.getCampaignId(), "sampleIds", String.join(",",
                    unknown.subList(0, Math.min(5, unknown.size()))), batch.getRound(), "query batch of round "
                    + batch.getRound() + " names " + unknown.size() + " sample(s) not in the train split of "
                    + campaign.getDataset() + ": " + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                    + (unknown.size() > 5 ? " (and " + (unknown.size() - 5) + " more)" : ""));
        }
    }

    private ImageSet groundTruth(CampaignCreated campaign, int round) {
        String key = campaign.getDataset() + campaign.getDatasetOptions();
        return groundTruth.computeIfAbsent(key, k -> {
            try {
                // the whole train split: sample ids are stable, so any capped pool is a subset of it
                DatasetSpec spec = DatasetSpec.forCampaign(campaign.getDataset(),
                        DatasetRoots.resolve(campaign.getDataset(), behaviour.dataDir()), 0, 0,
                        campaign.getDatasetOptions());
                return Datasets.load(spec).train();
            } catch (IOException | UncheckedIOException e) {
                // not retried (ErrorKind would call it transient): a missing dataset would stop the
                // oracle for every campaign; this one fails, and resumes once the data is there
                throw new CampaignFailedException(campaign.getCampaignId(), "dataset", campaign.getDataset(), round,
                        "cannot load the ground truth of " + campaign.getDataset() + ": " + e.getMessage());
            }
        });
    }
}
