package org.ssal.learning.ssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssal.learning.Progress;
import org.ssal.learning.augment.AugmentTestImages;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.Embeddings;

class SimSiamTrainerTest {
    private static final SimSiamConfig TINY = new SimSiamConfig("smallcnn", 32, 8, 10, 16, 1.6, 0.9, 5e-4, 3L, 32, 16);
    private static ImageSet pool;
    private static SimSiamModel model;
    private static final List<SimSiamTrainer.EpochStats> history = new ArrayList<>();
    private static final List<String> reports = new ArrayList<>();
    private static final List<Integer> snapshotEpochs = new ArrayList<>();
    private static final List<Embeddings> snapshotEmbeddings = new ArrayList<>();

    @BeforeAll
    static void trainOnce() {
        pool = AugmentTestImages.random(32, 3, 8, 1);
        model = SimSiamTrainer.train(pool, TINY, (stage, done, total, detail) -> reports.add(stage + " " + detail), history,
                new SimSiamTrainer.Snapshots() {
                    @Override
                    public boolean wants(int epoch) {
                        return epoch % 5 == 0;
                    }

                    @Override
                    public void accept(int epoch, SimSiamModel snapshot) {
                        snapshotEpochs.add(epoch);
                        snapshotEmbeddings.add(snapshot.embed(pool, Progress.NONE));
                    }
                });
    }

    @Test
    void shouldHandOutFrozenSnapshotsAtTheEpochsAskedFor() {
        assertEquals(List.of(5, 10), snapshotEpochs);
        // the last snapshot is taken after the last epoch, so it is the final encoder
        Embeddings last = snapshotEmbeddings.get(1);
        Embeddings fin = model.embed(pool, Progress.NONE);
        for (int i = 0; i < pool.size(); i++) {
            assertArrayEquals(fin.vector(i), last.vector(i), 1e-5f);
        }
        // the earlier one is a different, earlier encoder
        assertTrue(!java.util.Arrays.equals(snapshotEmbeddings.get(0).vector(0), last.vector(0)));
    }

    @Test
    void shouldLowerLossAndStayAwayFromCollapseWhenTrainingOnTinySet() {
        assertEquals(TINY.epochs(), history.size());
        double first = history.get(0).loss();
        double last = history.get(history.size() - 1).loss();
        assertTrue(last < first - 0.05, "loss " + first + " -> " + last);
        double healthy = 1 / Math.sqrt(TINY.projectorDim());
        for (var e : history) {
            assertTrue(e.collapseStd() > 0.3 * healthy, "collapse std " + e.collapseStd() + " at epoch " + e.epoch());
        }
        assertTrue(reports.stream().filter(r -> r.startsWith("simsiam-epoch")).count() == TINY.epochs());
    }

    @Test
    void shouldEmbedEveryImageWithFeatureDimWhenExtracting() {
        Embeddings e = model.embed(pool, Progress.NONE);
        assertEquals(pool.size(), e.size());
        assertEquals(256, e.dim());
        assertEquals(256, model.dim());
        assertEquals(pool.id(5), e.id(5));
        // embeddings do not depend on batch composition: inference BN uses fixed statistics
        Embeddings single = model.embed(pool.subset("one", new int[] {5}), Progress.NONE);
        assertArrayEquals(e.vector(5), single.vector(0), 1e-4f);
    }

    @Test
    void shouldGiveIdenticalEmbeddingsWhenSavedAndLoaded(@TempDir Path dir) throws IOException {
        model.save(dir);
        SimSiamModel loaded = SimSiamModel.load(dir);
        assertEquals(model.describe(), loaded.describe());
        assertEquals(model.config(), loaded.config());
        Embeddings a = model.embed(pool, Progress.NONE);
        Embeddings b = loaded.embed(pool, Progress.NONE);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.vector(i), b.vector(i));
        }
    }

    @Test
    void shouldRefuseToLoadWhenFileWasTamperedWith(@TempDir Path dir) throws IOException {
        model.save(dir);
        Path meta = dir.resolve(SimSiamModel.META_FILE);
        Files.writeString(meta, Files.readString(meta).replace("\"epochs\": 10", "\"epochs\": 11"));
        IOException e = assertThrows(IOException.class, () -> SimSiamModel.load(dir));
        assertTrue(e.getMessage().contains("sha256 mismatch") && e.getMessage().contains(SimSiamModel.META_FILE),
                e.getMessage());
    }

    @Test
    void shouldGiveRandomInitEncoderWhenEpochsAreZero() {
        SimSiamModel random = SimSiamTrainer.train(pool, TINY.withEpochs(0), Progress.NONE);
        assertEquals("random-init:smallcnn", random.describe());
        assertEquals("simsiam:smallcnn", model.describe());
        assertEquals(256, random.embed(pool, Progress.NONE).dim());
    }
}
