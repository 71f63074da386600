package org.ssal.learning.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ssal.learning.Progress;
import org.ssal.learning.acquisition.EntropyStrategy;
import org.ssal.learning.acquisition.Selection;
import org.ssal.learning.acquisition.SelectionContext;
import org.ssal.learning.augment.ImageTensors;
import org.ssal.learning.data.DatasetSplits;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.metrics.Evaluation;
import org.ssal.learning.ssl.SimSiamNetwork;

class SupervisedTrainerTest {
    private static final int CLASSES = 3;
    // no augmentation here: on 8 px images even a 1-pixel crop shift is large, and this test is
    // about fitting; the crop/flip path is exercised by the determinism test
    private static final SupervisedConfig TINY = SupervisedConfig.defaults()
            .withEpochs(6).withBatchSize(20).withLearningRate(0.03).withAugmentation(TrainingAugmentation.NONE)
            .withSeed(7L);
    private static DatasetSplits data;
    private static SupervisedModel model;
    private static final List<SupervisedTrainer.EpochStats> history = new ArrayList<>();
    private static final List<String> reports = new ArrayList<>();

    @BeforeAll
    static void trainOnce() {
        data = Datasets.synthetic(11L, Map.of("classes", "3", "train", "120", "test", "60", "size", "8", "noise", "30"));
        model = SupervisedTrainer.train(data.train(), CLASSES, TINY, (stage, done, total, detail) -> reports.add(stage),
                history);
    }

    @Test
    void shouldLowerLossWhenTrainingOnLabeledSet() {
        assertEquals(TINY.epochs(), history.size());
        double first = history.get(0).loss();
        double last = history.get(history.size() - 1).loss();
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
        assertEquals(TINY.epochs(), reports.stream().filter("supervised-epoch"::equals).count());
        assertTrue(reports.contains("supervised-done"));
    }

    @Test
    void shouldClassifyWellAboveChanceWhenClassesAreSeparable() {
        Evaluation train = Evaluation.of(labels(data.train()), model.predict(data.train()), CLASSES);
        Evaluation test = Evaluation.of(labels(data.test()), model.predict(data.test()), CLASSES);
        assertTrue(train.accuracy() >= 0.9, "train accuracy " + train.accuracy() + " (chance 1/3)");
        assertTrue(test.accuracy() >= 0.5, "test accuracy " + test.accuracy() + " (chance 1/3)");
        assertTrue(history.get(history.size() - 1).trainAccuracy() > history.get(0).trainAccuracy());
    }

    @Test
    void shouldGiveRowsSummingToOneWhenComputingProbabilities() {
        double[][] p = model.probabilities(data.test());
        assertEquals(data.test().size(), p.length);
        for (double[] row : p) {
            assertEquals(CLASSES, row.length);
            double sum = 0;
            for (double v : row) {
                assertTrue(v >= 0 && v <= 1, "probability " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9);
        }
    }

    @Test
    void shouldEmbedWithFeatureDimIndependentlyOfBatchWhenExtracting() {
        Embeddings e = model.embed(data.test(), Progress.NONE);
        assertEquals(256, model.dim());
        assertEquals(model.dim(), e.dim());
        assertEquals(data.test().size(), e.size());
        assertEquals(data.test().id(4), e.id(4));
        Embeddings single = model.embed(data.test().subset("one", new int[] {4}), Progress.NONE);
        assertArrayEquals(e.vector(4), single.vector(0), 1e-4f);
    }

    @Test
    void shouldGiveNetworkProbabilitiesWhenHeadIsAppliedToEmbeddings() {
        Embeddings e = model.embed(data.test(), Progress.NONE);
        float[][] x = new float[e.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = e.vector(i);
        }
        double[][] viaHead = model.head().probabilities(x);
        double[][] direct = model.probabilities(data.test());
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(direct[i], viaHead[i], 1e-12);
        }
        assertEquals(CLASSES, model.head().numClasses());
        // the entropy strategy picks the pool samples the network is least sure about
        List<String> ids = data.test().ids();
        SelectionContext ctx = new SelectionContext(ids, x, List.of(), new float[0][], new int[0], CLASSES,
                model.head(), 1L, 1);
        Selection selection = new EntropyStrategy().select(ctx, 5);
        double lowestPicked = Double.MAX_VALUE;
        double highestLeft = 0;
        for (int i = 0; i < ids.size(); i++) {
            double h = entropy(direct[i]);
            if (selection.ids().contains(ids.get(i))) {
                lowestPicked = Math.min(lowestPicked, h);
            } else {
                highestLeft = Math.max(highestLeft, h);
            }
        }
        assertEquals(5, selection.ids().size());
        assertTrue(lowestPicked >= highestLeft - 1e-12, lowestPicked + " < " + highestLeft);
    }

    @Test
    void shouldGiveIdenticalProbabilitiesWhenSeedIsRepeated() {
        SupervisedConfig quick = TINY.withEpochs(2).withAugmentation(TrainingAugmentation.CROP_FLIP);
        ImageSet few = data.train().subset("few", java.util.stream.IntStream.range(0, 40).toArray());
        double[][] a = SupervisedTrainer.train(few, CLASSES, quick, Progress.NONE).probabilities(data.test());
        double[][] b = SupervisedTrainer.train(few, CLASSES, quick, Progress.NONE).probabilities(data.test());
        double[][] other = SupervisedTrainer.train(few, CLASSES, quick.withSeed(8L), Progress.NONE)
                .probabilities(data.test());
        boolean differs = false;
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
            differs |= !java.util.Arrays.equals(a[i], other[i]);
        }
        assertTrue(differs, "another seed should give another model");
    }

    @Test
    void shouldComputeMeanCrossEntropyWhenLossIsEvaluated() {
        SupervisedConfig cfg = TINY;
        SimSiamNetwork net = SimSiamNetwork.calibration(cfg.encoderConfig(), 1, 8, 8);
        SameDiff sd = net.graph();
        SupervisedTrainer.addClassifier(sd, net.featureDim(), CLASSES, cfg.seed());
        ImageSet images = data.train();
        int[] indices = {0, 1, 2, 3, 4, 5, 6, 7};
        INDArray x = ImageTensors.normalized(images, 0, indices.length, ImageTensors.channelStats(images, 100));
        Map<String, INDArray> out = sd.output(Map.of(SimSiamNetwork.INPUT, x,
                SupervisedTrainer.LABELS, SupervisedTrainer.oneHot(images, indices, CLASSES)),
                SupervisedTrainer.LOSS, SupervisedTrainer.LOGITS);
        double[][] logits = out.get(SupervisedTrainer.LOGITS).toDoubleMatrix();
        double expected = 0;
        for (int b = 0; b < indices.length; b++) {
            double max = java.util.Arrays.stream(logits[b]).max().orElseThrow();
            double logSum = 0;
            for (double v : logits[b]) {
                logSum += Math.exp(v - max);
            }
            expected -= logits[b][images.label(indices[b])] - max - Math.log(logSum);
        }
        expected /= indices.length;
        assertEquals(expected, out.get(SupervisedTrainer.LOSS).getDouble(0), 1e-5);
    }

    @Test
    void shouldRejectLabelsOutsideNumClassesWhenTraining() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SupervisedTrainer.train(data.train(), 2, TINY, Progress.NONE));
        assertTrue(e.getMessage().contains("numClasses=2"), e.getMessage());
        ImageSet one = data.train().subset("one", new int[] {0});
        e = assertThrows(IllegalArgumentException.class, () -> SupervisedTrainer.train(one, CLASSES, TINY, Progress.NONE));
        assertTrue(e.getMessage().contains("labeledImages"), e.getMessage());
        assertFalse(reports.isEmpty());
    }

    private static int[] labels(ImageSet images) {
        int[] y = new int[images.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = images.label(i);
        }
        return y;
    }

    private static double entropy(double[] p) {
        double h = 0;
        for (double v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }
}
