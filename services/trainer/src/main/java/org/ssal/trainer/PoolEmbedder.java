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
import org.ssal.events.EncoderCandidate;
import org.ssal.events.EncoderChosen;
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
import org.ssal.learning.embed.EncoderChoice;
import org.ssal.learning.embed.EncoderSpec;
import org.ssal.learning.embed.PixelEncoder;
import org.ssal.learning.embed.LabeledEmbeddings;
import org.ssal.schemas.Catalogue;
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
 * <li>{@code auto} encoder: as an SSL campaign, for each candidate encoder; the first candidate
 *     is announced as the pool (EncoderChosen(-1), EmbeddingsReady(-1)); after each fully labeled
 *     round r, choose the candidate by cross-validation on the labels ({@link EncoderChoice}) and
 *     announce the choice with its evidence as EncoderChosen(r) and the chosen candidate's stored
 *     embeddings as EmbeddingsReady(r), the last round included.</li>
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
    /** Auto campaigns: the latest choice, which names every candidate's stored embeddings. */
    private final Map<String, EncoderChosen> lastChoice = new HashMap<>();
    /** Auto campaigns: the pool announcement (round -1), whose sizes and class names every round repeats. */
    private final Map<String, EmbeddingsReady> poolAnnouncements = new HashMap<>();
    private final Map<String, List<Embeddings>> candidatePools = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Embeddings>> eldest) {
            return size() > 2;
        }
    };
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
        lastChoice.clear();
        poolAnnouncements.clear();
    }

    @Override
    public synchronized void observe(SpecificRecord event) {
        if (event instanceof CampaignCreated created) {
            campaigns.putIfAbsent(created.getCampaignId(), created);
        } else if (event instanceof EmbeddingsReady ready) {
            lastEmbeddedRound.merge(ready.getCampaignId(), ready.getRound(), Math::max);
            if (ready.getRound() == POOL_ANNOUNCEMENT_ROUND) {
                poolAnnouncements.putIfAbsent(ready.getCampaignId(), ready);
            }
        } else if (event instanceof EncoderChosen chosen) {
            lastChoice.merge(chosen.getCampaignId(), chosen, (a, b) -> b.getRound() >= a.getRound() ? b : a);
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
            boolean newRound = campaign != null && last != null && ledger.getRoundComplete()
                    && ledger.getRound() > last;
            if (newRound && !campaign.getSsl() && ledger.getStatus() == CampaignStatus.ACTIVE) {
                retrainBaseline(campaign, ledger, out);
            } else if (newRound && Catalogue.isAutoEncoder(campaign.getEncoderSpec())
                    && (ledger.getStatus() == CampaignStatus.ACTIVE || ledger.getStatus() == CampaignStatus.COMPLETED)) {
                // the last round too: its evaluation uses the features its labels choose
                chooseFeatures(campaign, ledger, out);
            }
        }
    }

    private void embedOnce(CampaignCreated campaign, Outbox out) {
        if (lastEmbeddedRound.containsKey(campaign.getCampaignId())) {
            return;
        }
        if (campaign.getSsl() && Catalogue.isAutoEncoder(campaign.getEncoderSpec())) {
            embedCandidates(campaign, out);
        } else if (campaign.getSsl()) {
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
        announcePretrained(campaign, campaign.getEncoderSpec(), prepared, out);
        announce(campaign, 0, store(campaign, 0, prepared.encoderId(), prepared.encoder(), splits,
                frozenOrigin(campaign.getEncoderSpec(), prepared, dataset)), splits.train().classNames(), out);
        LOG.info("campaign {}: embeddings of round 0 in {} ms", id, clock.millis() - started);
    }

    /**
     * An auto campaign before its first label: every candidate prepared and its embeddings stored,
     * the first chosen (no labels yet) and announced as the pool (round -1), from which the
     * initial set is drawn; the labels of round 0 choose the features of round 0.
     */
    private void embedCandidates(CampaignCreated campaign, Outbox out) {
        String id = campaign.getCampaignId();
        List<String> specs = Catalogue.autoCandidates(campaign.getEncoderSpec());
        DatasetSplits splits = load(campaign, -1);
        long started = clock.millis();
        List<Provenance.Input> dataset = datasetInputs(splits);
        List<Stored> stored = new ArrayList<>();
        List<EncoderCandidate> candidates = new ArrayList<>();
        for (String spec : specs) {
            EncoderCache.Prepared prepared = encoders.prepare(campaign, spec, splits.train(), dataset, progress(id));
            announcePretrained(campaign, spec, prepared, out);
            Stored s = store(campaign, POOL_ANNOUNCEMENT_ROUND, prepared.encoderId(), prepared.encoder(), splits,
                    frozenOrigin(spec, prepared, dataset));
            stored.add(s);
            candidates.add(s.asCandidate(spec));
        }
        EncoderChoice.Choice choice = EncoderChoice.initial(specs);
        announceChoice(campaign, POOL_ANNOUNCEMENT_ROUND, "", 0, choice, candidates, out);
        announce(campaign, POOL_ANNOUNCEMENT_ROUND, stored.get(choice.chosen()), splits.train().classNames(), out);
        LOG.info("campaign {}: embeddings of {} candidates in {} ms", id, specs.size(), clock.millis() - started);
    }

    /** An auto campaign's round r: the candidate the labels of rounds <= r favour, announced for round r. */
    private void chooseFeatures(CampaignCreated campaign, BudgetState ledger, Outbox out) {
        String id = campaign.getCampaignId();
        EncoderChosen previous = lastChoice.get(id);
        EmbeddingsReady first = poolAnnouncements.get(id);
        if (previous == null || first == null) {
            throw new CampaignFailedException(id, "encoder", campaign.getEncoderSpec(), ledger.getRound(),
                    "round " + ledger.getRound() + " of an auto-encoder campaign without its candidates"
                            + " on " + Topics.ENCODER_CHOSEN + " and " + Topics.EMBEDDINGS_READY);
        }
        List<EncoderCandidate> candidates = previous.getCandidates();
        List<Embeddings> pools = candidatePools.get(id);
        if (pools == null) {
            pools = new ArrayList<>();
            for (EncoderCandidate c : candidates) {
                pools.add(store.open(c.getPoolUri(), c.getPoolSha256(), Embeddings::read));
            }
            candidatePools.put(id, pools);
        }
        List<EncoderChoice.Candidate> scored = new ArrayList<>();
        int previousIndex = 0;
        for (int i = 0; i < candidates.size(); i++) {
            scored.add(new EncoderChoice.Candidate(candidates.get(i).getEncoderSpec(), pools.get(i)));
            if (candidates.get(i).getEncoderSpec().equals(previous.getChosen())) {
                previousIndex = i;
            }
        }
        Map<String, Integer> labels = this.labels.labelsOf(ledger);
        EncoderChoice.Choice choice = EncoderChoice.forRound(scored, labels, first.getClassNames().size(),
                campaign.getHead(), previousIndex, campaign.getSeed(), ledger.getRound());
        announceChoice(campaign, ledger.getRound(), previous.getChosen(), labels.size(), choice, candidates, out);
        EncoderCandidate chosen = candidates.get(choice.chosen());
        announce(campaign, ledger.getRound(), new Stored(chosen.getEncoderId(),
                new ArtifactStore.Ref(chosen.getPoolUri(), chosen.getPoolSha256()),
                new ArtifactStore.Ref(chosen.getTestUri(), chosen.getTestSha256()),
                new ArtifactStore.Ref(chosen.getProvenanceUri(), chosen.getProvenanceSha256()),
                first.getPoolSize(), first.getTestSize(), chosen.getDim(), chosen.getEncoderSpec()),
                first.getClassNames(), out);
    }

    private void announceChoice(CampaignCreated campaign, int round, String previous, int labeled,
                                EncoderChoice.Choice choice, List<EncoderCandidate> candidates, Outbox out) {
        List<EncoderCandidate> scored = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            scored.add(EncoderCandidate.newBuilder(candidates.get(i)).setCorrect(choice.scores().get(i).correct())
                    .setAccuracy(choice.scores().get(i).accuracy()).build());
        }
        EncoderChosen event = EncoderChosen.newBuilder().setCampaignId(campaign.getCampaignId()).setRound(round)
                .setChosen(candidates.get(choice.chosen()).getEncoderSpec()).setPrevious(previous)
                .setRule(choice.rule()).setLabeled(labeled).setFolds(choice.folds()).setCandidates(scored)
                .setReason(choice.reason()).setChosenAt(clock.instant()).build();
        out.send(Topics.ENCODER_CHOSEN, campaign.getCampaignId(), event);
        lastChoice.put(campaign.getCampaignId(), event);
        LOG.info("campaign {} round {}: features {} ({})", campaign.getCampaignId(), round, event.getChosen(),
                choice.reason());
    }

    private void announcePretrained(CampaignCreated campaign, String spec, EncoderCache.Prepared prepared, Outbox out) {
        String id = campaign.getCampaignId();
        out.send(Topics.PRETRAIN_COMPLETE, id, PretrainComplete.newBuilder()
                .setCampaignId(id).setEncoderId(prepared.encoderId()).setEncoderSpec(spec)
                .setArtifactUri(prepared.artifact() == null ? "" : prepared.artifact().uri())
                .setArtifactSha256(prepared.artifact() == null ? "" : prepared.artifact().sha256())
                .setConfig(prepared.config()).setEpochLosses(prepared.epochLosses()).setCached(prepared.cached())
                .setDurationMs(prepared.durationMs()).setCompletedAt(clock.instant())
                .setProvenanceUri(prepared.provenance().uri()).setProvenanceSha256(prepared.provenance().sha256())
                .build());
    }

    /** What a frozen encoder's embeddings were made from: the dataset, the encoder and its record. */
    private static Origin frozenOrigin(String spec, EncoderCache.Prepared prepared, List<Provenance.Input> dataset) {
        List<Provenance.Input> inputs = new ArrayList<>(dataset);
        inputs.add(Provenance.Input.artifact("encoder" + Provenance.PROVENANCE_SUFFIX, prepared.encoderId(),
                prepared.provenance().uri(), prepared.provenance().sha256(), 0));
        if (prepared.artifact() != null) {
            inputs.add(Provenance.Input.artifact("encoder", prepared.encoderId(), prepared.artifact().uri(),
                    prepared.artifact().sha256(), 0));
        }
        return new Origin(inputs, Map.of("encoderSpec", spec), Map.of(), prepared.artifact() != null);
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
        announce(campaign, round, store(campaign, round, encoderId, encoder, splits, origin),
                splits.train().classNames(), out);
    }

    /** Embeddings stored with their provenance record, not yet announced. */
    private record Stored(String encoderId, ArtifactStore.Ref pool, ArtifactStore.Ref test, ArtifactStore.Ref provenance,
                          int poolSize, int testSize, int dim, String describe) {
        /** Without evidence yet: the choice fills in the held-out hits. */
        EncoderCandidate asCandidate(String spec) {
            return EncoderCandidate.newBuilder().setEncoderSpec(spec).setEncoderId(encoderId)
                    .setPoolUri(pool.uri()).setPoolSha256(pool.sha256()).setTestUri(test.uri())
                    .setTestSha256(test.sha256()).setProvenanceUri(provenance.uri())
                    .setProvenanceSha256(provenance.sha256()).setDim(dim).setCorrect(0).setAccuracy(0.0).build();
        }
    }

    private Stored store(CampaignCreated campaign, int round, String encoderId, Encoder encoder, DatasetSplits splits,
                         Origin origin) {
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
        return new Stored(encoderId, poolRef, testRef, provenance, pool.size(), test.size(), pool.dim(),
                encoder.describe());
    }

    private void announce(CampaignCreated campaign, int round, Stored stored, List<String> classNames, Outbox out) {
        String id = campaign.getCampaignId();
        EmbeddingsReady ready = EmbeddingsReady.newBuilder()
                .setCampaignId(id).setRound(round).setEncoderId(stored.encoderId())
                .setPoolUri(stored.pool().uri()).setPoolSha256(stored.pool().sha256())
                .setTestUri(stored.test().uri()).setTestSha256(stored.test().sha256())
                .setPoolSize(stored.poolSize()).setTestSize(stored.testSize()).setDim(stored.dim())
                .setClassNames(classNames)
                .setProvenanceUri(stored.provenance().uri()).setProvenanceSha256(stored.provenance().sha256()).build();
        out.send(Topics.EMBEDDINGS_READY, id, ready);
        observe(ready); // the view learns it from the log too, but a later record of this run needs it now
        LOG.info("campaign {} round {}: {} pool and {} test embeddings of dim {} ({})", id, round, stored.poolSize(),
                stored.testSize(), stored.dim(), stored.describe());
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
