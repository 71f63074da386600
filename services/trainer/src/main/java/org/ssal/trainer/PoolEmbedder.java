package org.ssal.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.ssal.service.provenance.DatasetInputs;
import org.ssal.service.provenance.FileDigests;
import org.ssal.service.provenance.Platform;
import org.ssal.service.provenance.Provenance;

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
 * Every stored encoder and embedding set gets a provenance record ({@link Provenance}) stored next
 * to it and named by the event: the dataset files read (sha256), the parent encoder's record, the
 * labels a baseline was trained on, config, seeds, platform and times.
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
    private final FileDigests digests = FileDigests.shared();
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
        List<Provenance.Input> dataset = datasetInputs(splits);
        EncoderCache.Prepared prepared = encoders.prepare(campaign, splits.train(), dataset, progress(id));
        out.send(Topics.PRETRAIN_COMPLETE, id, PretrainComplete.newBuilder()
                .setCampaignId(id).setEncoderId(prepared.encoderId()).setEncoderSpec(campaign.getEncoderSpec())
                .setArtifactUri(prepared.artifact() == null ? "" : prepared.artifact().uri())
                .setArtifactSha256(prepared.artifact() == null ? "" : prepared.artifact().sha256())
                .setConfig(prepared.config()).setEpochLosses(prepared.epochLosses()).setCached(prepared.cached())
                .setDurationMs(prepared.durationMs()).setCompletedAt(clock.instant())
                .setProvenanceUri(prepared.provenance().uri()).setProvenanceSha256(prepared.provenance().sha256())
                .build());
        List<Provenance.Input> inputs = new ArrayList<>(dataset);
        inputs.add(Provenance.Input.artifact("encoder" + Provenance.PROVENANCE_SUFFIX, prepared.encoderId(),
                prepared.provenance().uri(), prepared.provenance().sha256(), 0));
        if (prepared.artifact() != null) {
            inputs.add(Provenance.Input.artifact("encoder", prepared.encoderId(), prepared.artifact().uri(),
                    prepared.artifact().sha256(), 0));
        }
        announce(campaign, 0, prepared.encoderId(), prepared.encoder(), splits,
                new Origin(inputs, Map.of("encoderSpec", campaign.getEncoderSpec()), Map.of(),
                        prepared.artifact() != null), out);
        LOG.info("campaign {}: embeddings of round 0 in {} ms", id, clock.millis() - started);
    }

    private void announcePool(CampaignCreated campaign, Outbox out) {
        DatasetSplits splits = load(campaign, -1);
        announce(campaign, POOL_ANNOUNCEMENT_ROUND, "pixels", new PixelEncoder(splits.train().pixelsPerImage()),
                splits, new Origin(datasetInputs(splits), Map.of("encoderSpec", "pixels"), Map.of(), false), out);
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
        List<Provenance.Input> inputs = new ArrayList<>(datasetInputs(splits));
        inputs.add(labelsInput(labels));
        announce(campaign, ledger.getRound(), "supervised-" + id + "-r" + ledger.getRound(), model, splits,
                new Origin(inputs, Map.of("encoderSpec", campaign.getEncoderSpec(), "baseline", recipe.config().toString()),
                        Map.of("baseline-training", recipe.config().seed()), true), out);
    }

    /** What an embeddings record says besides the embeddings: inputs, config and seeds of its encoder. */
    private record Origin(List<Provenance.Input> inputs, Map<String, String> config, Map<String, Long> seeds,
                          boolean ranNd4j) {
    }

    private void announce(CampaignCreated campaign, int round, String encoderId, Encoder encoder, DatasetSplits splits,
                          Origin origin, Outbox out) {
        String id = campaign.getCampaignId();
        Instant startedAt = clock.instant();
        Embeddings pool = encoder.embed(splits.train(), progress(id));
        Embeddings test = encoder.embed(splits.test(), progress(id));
        int[] testLabels = new int[splits.test().size()];
        for (int i = 0; i < testLabels.length; i++) {
            testLabels[i] = splits.test().label(i);
        }
        ArtifactStore.Ref poolRef = store.put(pool::write);
        ArtifactStore.Ref testRef = store.put(new LabeledEmbeddings(test, testLabels)::write);
        ArtifactStore.Ref provenance = store.put(embeddingsProvenance(campaign, round, encoderId, origin,
                poolRef, testRef, startedAt).toJson());
        out.send(Topics.EMBEDDINGS_READY, id, EmbeddingsReady.newBuilder()
                .setCampaignId(id).setRound(round).setEncoderId(encoderId)
                .setPoolUri(poolRef.uri()).setPoolSha256(poolRef.sha256())
                .setTestUri(testRef.uri()).setTestSha256(testRef.sha256())
                .setPoolSize(pool.size()).setTestSize(test.size()).setDim(pool.dim())
                .setClassNames(splits.train().classNames())
                .setProvenanceUri(provenance.uri()).setProvenanceSha256(provenance.sha256()).build());
        lastEmbeddedRound.merge(id, round, Math::max);
        LOG.info("campaign {} round {}: {} pool and {} test embeddings of dim {} ({})", id, round, pool.size(),
                test.size(), pool.dim(), encoder.describe());
    }

    private Provenance embeddingsProvenance(CampaignCreated campaign, int round, String encoderId, Origin origin,
                                            ArtifactStore.Ref pool, ArtifactStore.Ref test, Instant startedAt) {
        Map<String, String> config = EncoderCache.provenanceConfig(campaign, encoderId, origin.config());
        config.put("round", Integer.toString(round));
        config.put("testSize", Integer.toString(campaign.getTestSize()));
        Map<String, Long> seeds = new TreeMap<>(origin.seeds());
        seeds.put("campaign", campaign.getSeed());
        seeds.put("data", DatasetSpec.CAMPAIGN_DATA_SEED);
        return Provenance.of(Provenance.EMBEDDINGS, campaign.getCampaignId(), config, seeds, origin.inputs(),
                List.of(new Provenance.Artifact("pool", pool.uri(), pool.sha256()),
                        new Provenance.Artifact("test", test.uri(), test.sha256())),
                origin.ranNd4j() ? EncoderCache.runtime() : Platform.describe(), startedAt, clock.instant());
    }

    /** The files the splits were read from (none for generated data: config and seeds describe it). */
    private List<Provenance.Input> datasetInputs(DatasetSplits splits) {
        if (splits.root() == null) {
            return List.of();
        }
        return DatasetInputs.of(splits.root(), splits.filesRead(), digests, store);
    }

    /** The labels a baseline round trained on, stored as {@code sampleId TAB label} lines sorted by id. */
    private Provenance.Input labelsInput(Map<String, Integer> labels) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(labels).forEach((sample, label) -> text.append(sample).append('\t').append(label).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        ArtifactStore.Ref ref = store.put(bytes);
        return Provenance.Input.artifact("labels", labels.size() + " labels", ref.uri(), ref.sha256(), bytes.length);
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
