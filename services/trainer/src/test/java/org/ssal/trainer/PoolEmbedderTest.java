package org.ssal.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.events.BudgetState;
import org.ssal.events.CampaignCreated;
import org.ssal.events.CampaignFailed;
import org.ssal.events.CampaignResumed;
import org.ssal.events.CampaignStatus;
import org.ssal.events.LabeledSample;
import org.ssal.schemas.LedgerLabels;
import org.ssal.service.LabelSource;
import org.ssal.events.EmbeddingsReady;
import org.ssal.events.EncoderCandidate;
import org.ssal.events.EncoderChosen;
import org.ssal.learning.embed.EncoderChoice;
import org.ssal.events.PretrainComplete;
import org.ssal.learning.data.DatasetSpec;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.LabeledEmbeddings;
import org.ssal.learning.ssl.SimSiamConfig;
import org.ssal.schemas.EventCodec;
import org.ssal.service.ArtifactStore;
import org.ssal.service.Outbox;
import org.ssal.service.CampaignFailedException;
import org.ssal.service.provenance.FileDigests;
import org.ssal.service.provenance.Provenance;
import org.ssal.service.provenance.ProvenanceChain;
import org.ssal.learning.seed.CampaignSeeds;
import org.ssal.learning.seed.Purpose;

class PoolEmbedderTest {
    /** What the budget tracker wrote to the labels topic in the test. */
    private final List<LabeledSample> labelsTopic = new ArrayList<>();
    private final LabelSource labelSource = ledger -> LedgerLabels.of(ledger, labelsTopic);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, String> OPTIONS = Map.of("classes", "3", "train", "90", "test", "30", "size", "6");
    @TempDir
    Path dir;

    private static CampaignCreated campaign(String id, String dataset) {
        return CampaignCreated.newBuilder().setCampaignId(id).setDataset(dataset).setDatasetOptions(OPTIONS)
                .setPoolSize(60).setBudget(20).setInitialSize(5).setBatchSize(5).setStrategy("random")
                .setSeed(4L).setCreatedAt(CLOCK.instant()).build();
    }

    private List<SpecificRecord> handle(PoolEmbedder job, SpecificRecord event) {
        Outbox out = new Outbox("trainer");
        job.handle(event, out);
        List<SpecificRecord> events = new ArrayList<>();
        out.drain().forEach(r -> events.add(EventCodec.decode(r.value())));
        return events;
    }

    @Test
    void shouldStoreHashCheckedEmbeddingsOfThePoolAndTheLabeledTestSplit() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        PoolEmbedder job = new PoolEmbedder(store, new EncoderCache(store, 1), 2, null, labelSource, CLOCK);
        List<SpecificRecord> out = handle(job, campaign("c1", "synthetic"));
        assertEquals(2, out.size());
        PretrainComplete pretrain = (PretrainComplete) out.get(0);
        assertEquals("pixels", pretrain.getEncoderSpec());
        EmbeddingsReady ready = (EmbeddingsReady) out.get(1);
        assertEquals(0, ready.getRound());
        assertEquals(60, ready.getPoolSize(), "pool capped at poolSize");
        assertEquals(30, ready.getTestSize());
        assertEquals(36, ready.getDim());
        assertEquals(3, ready.getClassNames().size());

        ImageSet truth = Datasets.synthetic(DatasetSpec.CAMPAIGN_DATA_SEED, OPTIONS).test();
        LabeledEmbeddings test = LabeledEmbeddings.read(new ByteArrayInputStream(
                store.read(ready.getTestUri(), ready.getTestSha256())));
        for (int i = 0; i < test.labels().length; i++) {
            assertEquals(truth.labelOf(test.embeddings().id(i)), test.labels()[i]);
        }
        Embeddings pool = Embeddings.read(new ByteArrayInputStream(store.read(ready.getPoolUri(), ready.getPoolSha256())));
        assertEquals(60, pool.size());
        assertTrue(handle(job, campaign("c1", "synthetic")).isEmpty(), "a redelivered campaign is not embedded twice");

        List<ProvenanceChain.Link> chain = ProvenanceChain.follow(store, ready.getProvenanceUri(), ready.getProvenanceSha256());
        assertEquals(List.of("embeddings", "encoder"), chain.stream().map(l -> l.record().kind()).toList());
        assertEquals(pretrain.getProvenanceUri(), chain.get(1).uri(), "embeddings name the encoder's record");
        Provenance embeddings = chain.get(0).record();
        assertEquals(List.of(ready.getPoolSha256(), ready.getTestSha256()),
                embeddings.describes().stream().map(Provenance.Artifact::sha256).toList());
        assertEquals(Map.of("campaign", 4L, "data", DatasetSpec.CAMPAIGN_DATA_SEED), embeddings.seeds());
        assertEquals("synthetic", embeddings.config().get("dataset"));
        assertEquals(new java.util.TreeMap<>(OPTIONS).toString(), embeddings.config().get("datasetOptions"),
                "generated data: the generator's parameters stand for its files");
        assertEquals("2026-01-01T00:00:00Z", embeddings.finishedAt());
    }

    @Test
    void shouldNameEveryFashionMnistFileWithItsSha256() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Datasets.isInstalled("fashion-mnist", null), "dataset-fashion-mnist not installed");
        ArtifactStore store = new ArtifactStore(dir);
        PoolEmbedder job = new PoolEmbedder(store, new EncoderCache(store, 1), 2, null, labelSource, CLOCK);
        CampaignCreated campaign = CampaignCreated.newBuilder(campaign("f1", "fashion-mnist")).setDatasetOptions(Map.of())
                .setPoolSize(200).setTestSize(50).build();
        long started = System.nanoTime();
        EmbeddingsReady ready = (EmbeddingsReady) handle(job, campaign).get(1);
        long firstMs = (System.nanoTime() - started) / 1_000_000;
        Provenance record = Provenance.read(store.read(ready.getProvenanceUri(), ready.getProvenanceSha256()));
        List<Provenance.Input> files = record.inputs().stream()
                .filter(i -> i.role().equals(Provenance.DATASET_FILE)).toList();
        assertEquals(4, files.size(), record.inputs().toString());
        for (Provenance.Input file : files) {
            Path path = Path.of(file.name());
            assertEquals(org.ssal.schemas.Sha256.sha256(path), file.sha256(), file.name());
            assertEquals(Files.size(path), file.bytes(), file.name());
        }
        long hashed = FileDigests.shared().filesHashed();
        started = System.nanoTime();
        handle(job, CampaignCreated.newBuilder(campaign).setCampaignId("f2").build());
        System.out.printf("fashion-mnist campaign with hashing: %d ms; second campaign, hashes cached: %d ms%n",
                firstMs, (System.nanoTime() - started) / 1_000_000);
        assertEquals(hashed, FileDigests.shared().filesHashed(), "a second campaign on the same files hashes nothing");
    }

    @Test
    void shouldRetrainTheBaselineOnEachCompleteRoundWhenSslIsOff() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        PoolEmbedder job = new PoolEmbedder(store, new EncoderCache(store, 1), 2, null, labelSource, CLOCK);
        CampaignCreated campaign = CampaignCreated.newBuilder(campaign("b1", "synthetic")).setSsl(false)
                .setEncoderSpec("supervised:smallcnn").build();
        List<SpecificRecord> announced = handle(job, campaign);
        assertEquals(1, announced.size());
        EmbeddingsReady pool = (EmbeddingsReady) announced.get(0);
        assertEquals(-1, pool.getRound(), "the pool is announced before any label");

        ImageSet train = Datasets.load(DatasetSpec.forCampaign("synthetic", null, 60, 0, OPTIONS)).train();
        List<LabeledSample> labels = new ArrayList<>();
        Map<String, Integer> queried = new java.util.HashMap<>();
        for (int i = 0; i < 12; i++) {
            labels.add(LabeledSample.newBuilder().setCampaignId("b1").setSampleId(train.id(i)).setLabel(train.label(i))
                    .setRound(0).setSequence(i).build());
            queried.put(train.id(i), 0);
        }
        labelsTopic.addAll(labels);
        BudgetState roundZero = BudgetState.newBuilder().setCampaignId("b1").setBudget(20).setQueried(12)
                .setLabeled(12).setRemaining(8).setRound(0).setRoundComplete(true).setStatus(CampaignStatus.ACTIVE)
                .setUpdatedAt(CLOCK.instant()).build();
        List<SpecificRecord> retrained = handle(job, roundZero);
        assertEquals(1, retrained.size());
        EmbeddingsReady round0 = (EmbeddingsReady) retrained.get(0);
        assertEquals(0, round0.getRound());
        assertEquals(60, round0.getPoolSize());
        assertTrue(round0.getEncoderId().startsWith("supervised-"), round0.getEncoderId());
        assertTrue(round0.getDim() != pool.getDim(), "features of the trained network, not pixels");
        assertTrue(handle(job, roundZero).isEmpty(), "a redelivered ledger does not retrain");

        Provenance record = Provenance.read(store.read(round0.getProvenanceUri(), round0.getProvenanceSha256()));
        assertEquals(CampaignSeeds.of(4L).seed(Purpose.BASELINE_TRAINING, 0), record.seeds().get("baseline-training"));
        Provenance.Input trainedOn = record.inputs().stream().filter(i -> i.role().equals("labels")).findFirst().orElseThrow();
        String lines = new String(store.read(trainedOn.uri(), trainedOn.sha256()), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(12, lines.lines().count(), lines);
        assertTrue(lines.contains(train.id(0) + "\t" + train.label(0) + "\n"), lines);
    }

    @Test
    void shouldChooseEachRoundsFeaturesByCrossValidationOnTheLabelsWhenTheEncoderIsAuto() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        PoolEmbedder job = new PoolEmbedder(store, new EncoderCache(store, 1), 2, null, labelSource, CLOCK);
        CampaignCreated campaign = CampaignCreated.newBuilder(campaign("a1", "synthetic"))
                .setEncoderSpec("auto:random-init:smallcnn+pixels").build();
        List<SpecificRecord> before = handle(job, campaign);
        assertEquals(List.of(PretrainComplete.class, PretrainComplete.class, EncoderChosen.class, EmbeddingsReady.class),
                before.stream().map(Object::getClass).toList());
        EncoderChosen initial = (EncoderChosen) before.get(2);
        EmbeddingsReady pool = (EmbeddingsReady) before.get(3);
        assertEquals(List.of(-1, -1), List.of(initial.getRound(), pool.getRound()), "the pool, before any label");
        assertEquals(List.of("random-init:smallcnn", EncoderChoice.NO_LABELS), List.of(initial.getChosen(), initial.getRule()));
        assertEquals(initial.getCandidates().get(0).getPoolSha256(), pool.getPoolSha256());
        assertEquals(36, initial.getCandidates().get(1).getDim(), "pixels of 6x6 images");
        assertTrue(initial.getCandidates().get(0).getDim() != 36, "the network's features");

        // round 0: four labels of each class, enough for 5-fold cross-validation
        ImageSet train = Datasets.load(DatasetSpec.forCampaign("synthetic", null, 60, 0, OPTIONS)).train();
        Map<String, Integer> labels = new java.util.TreeMap<>();
        int[] perClass = new int[3];
        for (int i = 0; i < train.size() && labels.size() < 12; i++) {
            if (perClass[train.label(i)]++ < 4) {
                labels.put(train.id(i), train.label(i));
            }
        }
        addLabels("a1", labels, 0);
        BudgetState round0 = ledger("a1", 0, labels.size(), CampaignStatus.ACTIVE);
        List<SpecificRecord> chosen0 = handle(job, round0);
        EncoderChosen choice0 = (EncoderChosen) chosen0.get(0);
        EmbeddingsReady ready0 = (EmbeddingsReady) chosen0.get(1);
        assertEquals(List.of(0, 0, 12, EncoderChoice.FOLDS), List.of(choice0.getRound(), ready0.getRound(),
                choice0.getLabeled(), choice0.getFolds()));
        assertEquals(List.of(EncoderChoice.CROSS_VALIDATION, "random-init:smallcnn"),
                List.of(choice0.getRule(), choice0.getPrevious()));
        List<EncoderChoice.Candidate> candidates = new ArrayList<>();
        for (EncoderCandidate c : choice0.getCandidates()) {
            candidates.add(new EncoderChoice.Candidate(c.getEncoderSpec(), Embeddings.read(
                    new ByteArrayInputStream(store.read(c.getPoolUri(), c.getPoolSha256())))));
        }
        EncoderChoice.Choice expected = EncoderChoice.choose(candidates, labels, 3,
                org.ssal.learning.head.Heads.create(campaign.getHead()), 0,
                CampaignSeeds.of(4L).seed(Purpose.ENCODER_CHOICE, 0));
        for (int i = 0; i < candidates.size(); i++) {
            assertEquals(expected.scores().get(i).correct(), choice0.getCandidates().get(i).getCorrect(),
                    "held-out hits of " + candidates.get(i).name());
        }
        EncoderCandidate winner = choice0.getCandidates().get(expected.chosen());
        assertEquals(winner.getEncoderSpec(), choice0.getChosen());
        assertEquals(List.of(winner.getPoolSha256(), winner.getTestSha256(), pool.getClassNames(), 60),
                List.of(ready0.getPoolSha256(), ready0.getTestSha256(), ready0.getClassNames(), ready0.getPoolSize()),
                "the round's embeddings are the chosen candidate's");
        assertTrue(handle(job, round0).isEmpty(), "a redelivered ledger does not choose again");

        // the last round (the budget is spent) chooses too: its evaluation uses the features its labels favour
        Map<String, Integer> more = new java.util.TreeMap<>();
        for (int i = 0; i < train.size() && more.size() < 8; i++) {
            if (!labels.containsKey(train.id(i))) {
                more.put(train.id(i), train.label(i));
            }
        }
        addLabels("a1", more, 1);
        BudgetState last = ledger("a1", 1, 20, CampaignStatus.COMPLETED);
        PoolEmbedder restarted = new PoolEmbedder(store, new EncoderCache(store, 1), 2, null, labelSource, CLOCK);
        restarted.observe(campaign);
        before.forEach(restarted::observe);
        chosen0.forEach(restarted::observe);
        List<SpecificRecord> chosen1 = handle(restarted, last);
        EncoderChosen choice1 = (EncoderChosen) chosen1.get(0);
        assertEquals(List.of(1, 20, choice0.getChosen()), List.of(choice1.getRound(), choice1.getLabeled(),
                choice1.getPrevious()), "a restarted trainer goes on from the log");
        assertEquals(1, ((EmbeddingsReady) chosen1.get(1)).getRound());
    }

    private void addLabels(String campaignId, Map<String, Integer> labels, int round) {
        labels.forEach((id, label) -> labelsTopic.add(LabeledSample.newBuilder().setCampaignId(campaignId)
                .setSampleId(id).setLabel(label).setRound(round).setSequence(labelsTopic.size()).build()));
    }

    private static BudgetState ledger(String campaignId, int round, int labeled, CampaignStatus status) {
        return BudgetState.newBuilder().setCampaignId(campaignId).setBudget(20).setQueried(labeled)
                .setLabeled(labeled).setRemaining(20 - labeled).setRound(round).setRoundComplete(true)
                .setStatus(status).setUpdatedAt(CLOCK.instant()).build();
    }

    @Test
    void shouldFailACampaignOnAnUnknownDatasetNamingTheFieldAndValue() {
        CampaignFailed failed = failure(campaign("c2", "mnist-typo"));
        assertEquals(List.of("dataset", "mnist-typo", "-1"), List.of(failed.getField(), failed.getValue(), "" + failed.getRound()));
        assertTrue(failed.getReason().contains("mnist-typo"), failed.getReason());
    }

    @Test
    void shouldFailACampaignOnAnUnknownEncoderBeforeLoadingItsData() {
        CampaignCreated nope = campaign("c3", "no-such-dataset");
        nope.setEncoderSpec("nope");
        CampaignFailed failed = failure(nope);
        assertEquals(List.of("encoder", "nope"), List.of(failed.getField(), failed.getValue()));
        assertTrue(failed.getReason().contains("unknown encoder spec 'nope'"), failed.getReason());
    }

    @Test
    void shouldFailACampaignWhoseInitialSetOrBudgetExceedsTheRealPool() {
        CampaignCreated initial = campaign("c4", "synthetic");
        initial.setPoolSize(0);
        initial.setDatasetOptions(Map.of("classes", "3", "train", "12", "test", "6", "size", "6"));
        initial.setInitialSize(15);
        initial.setBudget(15);
        CampaignFailed tooLarge = failure(initial);
        assertEquals(List.of("initialSize", "15"), List.of(tooLarge.getField(), tooLarge.getValue()));
        assertTrue(tooLarge.getReason().contains("(12 samples)"), tooLarge.getReason());

        initial.setInitialSize(5);
        initial.setBudget(13);
        initial.setSsl(false);
        CampaignFailed budget = failure(initial);
        assertEquals(List.of("budget", "13"), List.of(budget.getField(), budget.getValue()));
    }

    @Test
    void shouldEmbedAFailedCampaignWhenItIsResumedAfterTheFix() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        Path data = dir.resolve("folder");
        PoolEmbedder job = new PoolEmbedder(store, new EncoderCache(store, 1), 2, data, labelSource, CLOCK);
        CampaignCreated folder = campaign("c5", "image-folder");
        folder.setDatasetOptions(Map.of());
        folder.setPoolSize(0);
        folder.setTestSize(0);
        assertThrows(CampaignFailedException.class, () -> handle(job, folder), "no folder yet");

        writeImageFolder(data, 30);
        CampaignResumed resumed = CampaignResumed.newBuilder().setCampaignId("c5").setReason("folder restored")
                .setResumedAt(CLOCK.instant()).build();
        List<SpecificRecord> events = handle(job, resumed);
        assertTrue(events.stream().anyMatch(e -> e instanceof EmbeddingsReady r && r.getRound() == 0), events.toString());
        assertTrue(handle(job, resumed).isEmpty(), "a second resume does not embed twice");

        EmbeddingsReady ready = (EmbeddingsReady) events.stream().filter(e -> e instanceof EmbeddingsReady).findFirst().orElseThrow();
        Provenance record = Provenance.read(store.read(ready.getProvenanceUri(), ready.getProvenanceSha256()));
        Map<String, String> listed = new java.util.TreeMap<>();
        record.inputs().stream().filter(i -> i.role().equals(Provenance.DATASET_FILE))
                .forEach(i -> listed.put(i.name(), i.sha256()));
        assertEquals(60, listed.size(), "every image of both splits: " + listed.keySet());
        Path cat0 = data.resolve("cat/img0.png").toRealPath();
        assertEquals(org.ssal.schemas.Sha256.sha256(cat0), listed.get(cat0.toString()));
    }

    /** n random 8×8 PNGs in each of two class folders: an image-folder dataset. */
    private static void writeImageFolder(Path root, int n) throws Exception {
        java.util.Random random = new java.util.Random(9);
        for (String cls : List.of("cat", "dog")) {
            Files.createDirectories(root.resolve(cls));
            for (int i = 0; i < n; i++) {
                BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                for (int p = 0; p < 64; p++) {
                    image.setRGB(p % 8, p / 8, random.nextInt(0xFFFFFF));
                }
                ImageIO.write(image, "png", root.resolve(cls + "/img" + i + ".png").toFile());
            }
        }
    }

    private CampaignFailed failure(CampaignCreated campaign) {
        ArtifactStore store = new ArtifactStore(dir);
        PoolEmbedder job = new PoolEmbedder(store, new EncoderCache(store, 1), 2, null, labelSource, CLOCK);
        CampaignFailedException e = assertThrows(CampaignFailedException.class, () -> handle(job, campaign));
        assertEquals(campaign.getCampaignId(), e.campaignId());
        return e.toEvent("trainer", CLOCK.instant());
    }

    @Test
    void shouldGiveTheSameEncoderIdToTheSameDataAndConfig() {
        String recipe = SimSiamConfig.defaults().withEpochs(5).toJson();
        assertEquals(EncoderCache.encoderId(campaign("a", "synthetic"), "simsiam:smallcnn", recipe),
                EncoderCache.encoderId(campaign("b", "synthetic"), "simsiam:smallcnn", recipe));
        assertTrue(!EncoderCache.encoderId(campaign("a", "synthetic"), "simsiam:smallcnn", recipe)
                .equals(EncoderCache.encoderId(campaign("a", "synthetic"), "simsiam:smallcnn", SimSiamConfig.defaults().withEpochs(6).toJson())));
        // another recipe (here the learning rate) is another encoder
        assertTrue(!EncoderCache.encoderId(campaign("a", "synthetic"), "simsiam:smallcnn", recipe)
                .equals(EncoderCache.encoderId(campaign("a", "synthetic"), "simsiam:smallcnn", SimSiamConfig.defaults().withEpochs(5).withBaseLr(0.1).toJson())));
    }
}
