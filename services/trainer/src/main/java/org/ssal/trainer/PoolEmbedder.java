package org.ssal.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignResumed;
import org.ssal.events.CampaignStatus;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.PretrainComplete;
import org.ssal.learning.Progress;
import org.ssal.learning.baseline.BaselineRecipe;
import org.ssal.learning.baseline.SupervisedModel;
import org.ssal.learning.data.DatasetRoots;
import org.ssal.learning.data.DatasetSpec;
import org.ssal.learning.data.DatasetSplits;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.Encoder;
import org.ssal.learning.embed.EncoderSpec;
import org.ssal.learning.embed.PixelEncoder;
import org.ssal.learning.embed.LabeledEmbeddings;
import org.ssal.schemas.CampaignDefinitions;
import org.ssal.schemas.Topics;
import org.ssal.service.ArtifactStore;
import org.ssal.service.CampaignFailedException;
import org.ssal.service.EventService;
import org.ssal.service.LabelSource;
import org.ssal.service.Outbox;

/**
 * The trainer's side of the round protocol.
 * <ul>
 * <li>SSL campaign: load pool and test split, obtain the frozen encoder (pretrained or reused),
 *     store both embeddings, announce PretrainComplete and EmbeddingsReady(0); every round uses them.</li>
 * <li>No-SSL baseline (the paper's "AL without SSL"): announce the pool as EmbeddingsReady(-1)
 *     (raw pixels, enough to draw the random initial set), then after each fully labeled round r
 *     train the encoder from scratch on the labels ({@link BaselineRecipe}) and announce
 *     EmbeddingsReady(r) from it.</li>
 * </ul>
 * Kafka in, a call into learning/, Kafka out: the science (encoder specs, recipes) is learning's.
 */
final class PoolEmbedder implements EventService.View {
    private static final Logger LOG = LoggerFactory.getLogger(PoolEmbedder.class);
    private static final int POOL_ANNOUNCEMENT_ROUND = -1;
    private final ArtifactStore store;
    private final EncoderCache encoders;
    private final int baselineDefaultEpochs;
    private final Path dataDir;
    private final LabelSource labels;
    private final Clock clock;
    private final Map<String, CampaignCreated> campaigns = new HashMap<>();
    private final Map<String, Integer> lastEmbeddedRound = new HashMap<>();
    private final Map<String, DatasetSplits> recentData = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DatasetSplits> eldest) {
            return size() > 2;
        }
    };

    /**
     * @param baselineDefaultEpochs supervised epochs per round of a no-SSL campaign that sets none
     * @param labels                the labels a ledger counts (the labels topic), for the baseline
     */
    PoolEmbedder(ArtifactStore store, EncoderCache encoders, int baselineDefaultEpochs, Path dataDir,
                 LabelSource labels, Clock clock) {
        this.labels = labels;
        this.store = store;
        this.encoders = encoders;
        this.baselineDefaultEpochs = baselineDefaultEpochs;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    /** Forgets the campaigns and their rounds (the data cache stays: it is read from files, not from the log). */
    @Override
    public synchronized void forget() {
        campaigns.clear();
        lastEmbeddedRound.clear();
    }

    @Override
    public synchronized void observe(SpecificRecord event) {
        if (event instanceof CampaignCreated created) {
            campaigns.putIfAbsent(created.getCampaignId(), created);
        } else if (event instanceof EmbeddingsReady ready) {
            lastEmbeddedRound.merge(ready.getCampaignId(), ready.getRound(), Math::max);
        }
    }

    synchronized void handle(SpecificRecord event, Outbox out) {
        observe(event);
        if (event instanceof CampaignCreated offered) {
            CampaignCreated campaign = campaigns.get(offered.getCampaignId()); // the first definition
            String redefined = CampaignDefinitions.redefinition(campaign, offered);
            if (redefined != null) {
                // the tracker dead-letters it and keeps the first definition, and so does the trainer
                LOG.warn("ignored: {}", redefined);
                return;
            }
            embedOnce(campaign, out);
        } else if (event instanceof CampaignResumed resumed && campaigns.containsKey(resumed.getCampaignId())) {
            // a campaign that failed before its first embeddings tries again; a baseline that failed
            // on a later round retrains when the ledger publishes its ACTIVE state again
            embedOnce(campaigns.get(resumed.getCampaignId()), out);
        } else if (event instanceof BudgetState ledger) {
            CampaignCreated campaign = campaigns.get(ledger.getCampaignId());
            Integer last = lastEmbeddedRound.get(ledger.getCampaignId());
            if (campaign != null && !campaign.getSsl() && last != null && ledger.getRoundComplete()
                    && ledger.getRound() > last && ledger.getStatus() == CampaignStatus.ACTIVE) {
                retrainBaseline(campaign, ledger, out);
            }
        }
    }

    private void embedOnce(CampaignCreated campaign, Outbox out) {
        if (lastEmbeddedRound.containsKey(campaign.getCampaignId())) {
            return;
        }
        if (campaign.getSsl()) {
            embedWithFrozenEncoder(campaign, out);
        } else {
            announcePool(campaign, out);
        }
    }

    private void embedWithFrozenEncoder(CampaignCreated campaign, Outbox out) {
        String id = campaign.getCampaignId();
        EncoderCache.frozenEncoderOf(campaign); // a wrong spec fails the campaign before the data is loaded
        DatasetSplits splits = load(campaign, -1);
        long started = clock.millis();
        EncoderCache.Prepared prepared = encoders.prepare(campaign, splits.train(), progress(id));
        out.send(Topics.PRETRAIN_COMPLETE, id, PretrainComplete.newBuilder()
                .setCampaignId(id).setEncoderId(prepared.encoderId()).setEncoderSpec(campaign.getEncoderSpec())
                .setArtifactUri(prepared.artifact() == null ? "" : prepared.artifact().uri())
                .setArtifactSha256(prepared.artifact() == null ? "" : prepared.artifact().sha256())
                .setConfig(prepared.config()).setEpochLosses(prepared.epochLosses()).setCached(prepared.cached())
                .setDurationMs(prepared.durationMs()).setCompletedAt(clock.instant()).build());
        announce(campaign, 0, prepared.encoderId(), prepared.encoder(), splits, out);
        LOG.info("campaign {}: embeddings of round 0 in {} ms", id, clock.millis() - started);
    }

    private void announcePool(CampaignCreated campaign, Outbox out) {
        DatasetSplits splits = load(campaign, -1);
        announce(campaign, POOL_ANNOUNCEMENT_ROUND, "pixels", new PixelEncoder(splits.train().pixelsPerImage()),
                splits, out);
    }

    private void retrainBaseline(CampaignCreated campaign, BudgetState ledger, Outbox out) {
        String id = campaign.getCampaignId();
        DatasetSplits splits = load(campaign, ledger.getRound());
        Map<String, Integer> labels = this.labels.labelsOf(ledger);
        BaselineRecipe recipe;
        ImageSet labeled;
        try {
            recipe = BaselineRecipe.forRound(EncoderSpec.baselineOf(campaign.getEncoderSpec()),
                    campaign.getPretrainEpochs(), baselineDefaultEpochs, labels.size(), campaign.getSeed(),
                    ledger.getRound());
            labeled = splits.train().withLabels(splits.train().name() + "-labeled", labels);
        } catch (IllegalArgumentException e) {
            throw new CampaignFailedException(id, "encoder", campaign.getEncoderSpec(), ledger.getRound(),
                    "baseline of round " + ledger.getRound() + ": " + e.getMessage());
        }
        SupervisedModel model = recipe.train(labeled, splits.train().numClasses(), progress(id));
        announce(campaign, ledger.getRound(), "supervised-" + id + "-r" + ledger.getRound(), model, splits, out);
    }

    private void announce(CampaignCreated campaign, int round, String encoderId, Encoder encoder, DatasetSplits splits,
                          Outbox out) {
        String id = campaign.getCampaignId();
        Embeddings pool = encoder.embed(splits.train(), progress(id));
        Embeddings test = encoder.embed(splits.test(), progress(id));
        int[] testLabels = new int[splits.test().size()];
        for (int i = 0; i < testLabels.length; i++) {
            testLabels[i] = splits.test().label(i);
        }
        ArtifactStore.Ref poolRef = store.put(pool::write);
        ArtifactStore.Ref testRef = store.put(new LabeledEmbeddings(test, testLabels)::write);
        out.send(Topics.EMBEDDINGS_READY, id, EmbeddingsReady.newBuilder()
                .setCampaignId(id).setRound(round).setEncoderId(encoderId)
                .setPoolUri(poolRef.uri()).setPoolSha256(poolRef.sha256())
                .setTestUri(testRef.uri()).setTestSha256(testRef.sha256())
                .setPoolSize(pool.size()).setTestSize(test.size()).setDim(pool.dim())
                .setClassNames(splits.train().classNames()).build());
        lastEmbeddedRound.merge(id, round, Math::max);
        LOG.info("campaign {} round {}: {} pool and {} test embeddings of dim {} ({})", id, round, pool.size(),
                test.size(), pool.dim(), encoder.describe());
    }

    private static Progress progress(String campaignId) {
        return (stage, done, total, detail) -> LOG.info("campaign {} {} {}/{} {}", campaignId, stage, done, total, detail);
    }

    /** The campaign's splits; a dataset that is missing, corrupt or smaller than the campaign fails the campaign. */
    private DatasetSplits load(CampaignCreated campaign, int round) {
        DatasetSpec spec = DatasetSpec.forCampaign(campaign.getDataset(),
                DatasetRoots.resolve(campaign.getDataset(), dataDir), campaign.getPoolSize(),
                campaign.getTestSize(), campaign.getDatasetOptions());
        String key = spec.toString();
        DatasetSplits splits = recentData.get(key);
        if (splits == null) {
            String id = campaign.getCampaignId();
            try {
                splits = Datasets.load(spec);
            } catch (IllegalArgumentException e) {
                throw new CampaignFailedException(id, "dataset", campaign.getDataset(), round, e.getMessage());
            } catch (IOException | UncheckedIOException e) {
                throw new CampaignFailedException(id, "dataset", campaign.getDataset(), round,
                        "cannot load " + campaign.getDataset() + ": " + e.getMessage());
            }
            recentData.put(key, splits);
        }
        checkPoolHolds(campaign, splits.train().size(), round);
        return splits;
    }

    /** The request could only check against poolSize; the real pool may be smaller (an image folder, a cap above the split). */
    private static void checkPoolHolds(CampaignCreated campaign, int poolSize, int round) {
        String id = campaign.getCampaignId();
        if (campaign.getInitialSize() > poolSize) {
            throw new CampaignFailedException(id, "initialSize", campaign.getInitialSize(), round, "initialSize "
                    + campaign.getInitialSize() + " is larger than the pool of " + campaign.getDataset() + " ("
                    + poolSize + " samples)");
        }
        if (campaign.getBudget() > poolSize) {
            throw new CampaignFailedException(id, "budget", campaign.getBudget(), round, "budget "
                    + campaign.getBudget() + " is larger than the pool of " + campaign.getDataset() + " ("
                    + poolSize + " samples)");
        }
    }
}
