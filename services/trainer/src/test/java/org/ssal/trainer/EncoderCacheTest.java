package org.ssal.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.events.CampaignCreated;
import org.ssal.learning.Progress;
import org.ssal.learning.data.DatasetSpec;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.data.ImageSet;
import org.ssal.service.ArtifactStore;
import org.ssal.service.RejectedEventException;
import org.ssal.service.provenance.Provenance;

class EncoderCacheTest {
    private static final Map<String, String> OPTIONS = Map.of("classes", "3", "train", "140", "test", "10", "size", "8");
    @TempDir
    Path dir;

    private static CampaignCreated campaign(String id, String encoder) {
        return CampaignCreated.newBuilder().setCampaignId(id).setDataset("synthetic").setDatasetOptions(OPTIONS)
                .setBudget(20).setInitialSize(5).setBatchSize(5).setStrategy("random").setEncoderSpec(encoder)
                .setPretrainEpochs(1).setSeed(4L).setCreatedAt(Instant.EPOCH).build();
    }

    @Test
    void shouldPretrainOnceAndReuseTheStoredEncoderForTheSameData() {
        ImageSet pool = Datasets.synthetic(DatasetSpec.CAMPAIGN_DATA_SEED, OPTIONS).train();
        ArtifactStore store = new ArtifactStore(dir);
        EncoderCache encoders = new EncoderCache(store, 1);
        EncoderCache.Prepared first = encoders.prepare(campaign("a", "simsiam:smallcnn"), pool, List.of(), Progress.NONE);
        assertFalse(first.cached());
        assertEquals(1, first.epochLosses().size(), "one loss per epoch");
        EncoderCache.Prepared second = encoders.prepare(campaign("b", "simsiam:smallcnn"), pool, List.of(), Progress.NONE);
        assertTrue(second.cached(), "same dataset, pool, spec and seed: reuse");
        assertEquals(first.artifact(), second.artifact());
        float[] a = first.encoder().embed(pool, Progress.NONE).vector(0);
        float[] b = second.encoder().embed(pool, Progress.NONE).vector(0);
        assertArrayEquals(a, b, 1e-5f, "the reloaded encoder embeds like the trained one");

        assertEquals(first.provenance(), second.provenance(), "a reused encoder keeps its pretraining's record");
        Provenance record = Provenance.read(store.read(first.provenance().uri(), first.provenance().sha256()));
        assertEquals(List.of("encoder", "a", first.artifact().uri()),
                List.of(record.kind(), record.campaignId(), record.describes().get(0).uri()));
        assertEquals(first.config().get("simsiam"), record.config().get("simsiam"));
        assertTrue(record.runtime().containsKey("nd4j.backend"), record.runtime().toString());
        assertTrue(!record.startedAt().isEmpty() && !record.finishedAt().isEmpty(), record.toString());
    }

    @Test
    void shouldWriteOneRecordForAnEncoderStoredBeforeProvenanceExisted() throws Exception {
        ImageSet pool = Datasets.synthetic(DatasetSpec.CAMPAIGN_DATA_SEED, OPTIONS).train();
        ArtifactStore store = new ArtifactStore(dir);
        EncoderCache encoders = new EncoderCache(store, 1);
        EncoderCache.Prepared trained = encoders.prepare(campaign("a", "simsiam:smallcnn"), pool, List.of(), Progress.NONE);
        Files.delete(store.root().resolve("index").resolve(trained.encoderId() + ".provenance"));

        EncoderCache.Prepared reused = encoders.prepare(campaign("b", "simsiam:smallcnn"), pool, List.of(), Progress.NONE);
        Provenance legacy = Provenance.read(store.read(reused.provenance().uri(), reused.provenance().sha256()));
        assertTrue(legacy.config().get("note").contains("pretrained before ssal recorded provenance"), legacy.toString());
        assertEquals(trained.artifact().uri(), legacy.describes().get(0).uri());
        assertEquals(reused.provenance(), encoders.prepare(campaign("c", "simsiam:smallcnn"), pool, List.of(),
                Progress.NONE).provenance(), "written once, then reused");
    }

    @Test
    void shouldRejectAnUnknownEncoderSpecNamingIt() {
        ImageSet pool = Datasets.synthetic(DatasetSpec.CAMPAIGN_DATA_SEED, OPTIONS).train();
        EncoderCache encoders = new EncoderCache(new ArtifactStore(dir), 1);
        RejectedEventException e = assertThrows(RejectedEventException.class,
                () -> encoders.prepare(campaign("a", "byol:smallcnn"), pool, List.of(), Progress.NONE));
        assertTrue(e.getMessage().contains("byol:smallcnn"), e.getMessage());
        RejectedEventException bad = assertThrows(RejectedEventException.class,
                () -> encoders.prepare(campaign("a", "simsiam:vgg"), pool, List.of(), Progress.NONE));
        assertTrue(bad.getMessage().contains("simsiam:vgg"), bad.getMessage());
    }
}
