package org.ssal.learning.ssl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ssal.learning.Progress;
import org.ssal.learning.augment.ImageTensors;
import org.ssal.learning.augment.SimSiamAugmentation;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.seed.SeedDerivation;

/**
 * Pretrains a SimSiam encoder on an unlabeled pool (Chen &amp; He 2021, Algorithm 1).
 * <p>Optimizer: {@link MomentumSgd} (PyTorch's {@code torch.optim.SGD}, which the paper used);
 * lr = baseLr·batch/256 with per-epoch cosine
 * decay ("the learning rate has a cosine decay schedule"). The last incomplete batch of an
 * epoch is dropped so that every BN batch has the full size.
 * <p>Each epoch reports {@code loss} and the collapse monitor {@code std}: the per-dimension
 * standard deviation of the L2-normalised projector output, averaged over dimensions — about
 * 1/√dim when healthy, 0 on collapse (paper §4.1, Fig. 2).
 */
public final class SimSiamTrainer {
    private SimSiamTrainer() { }

    /** Per-epoch numbers of one run. */
    public record EpochStats(int epoch, double loss, double collapseStd, double learningRate, double imagesPerSecond) { }

    /**
     * Receives a frozen copy of the encoder after the epochs it {@link #wants}, e.g. to follow
     * the linear-probe accuracy during pretraining. Making a snapshot costs a BN calibration pass.
     */
    public interface Snapshots {
        boolean wants(int epoch);

        void accept(int epoch, SimSiamModel snapshot);

        Snapshots NONE = new Snapshots() {
            @Override
            public boolean wants(int epoch) { return false; }

            @Override
            public void accept(int epoch, SimSiamModel snapshot) { }
        };
    }

    public static SimSiamModel train(ImageSet pool, SimSiamConfig cfg, Progress progress) {
        return train(pool, cfg, progress, new ArrayList<>(), Snapshots.NONE);
    }

    /**
     * As {@link #train(ImageSet, SimSiamConfig, Progress)}, appending each epoch's numbers to
     * {@code history} and handing snapshots to {@code snapshots}.
     */
    public static SimSiamModel train(ImageSet pool, SimSiamConfig cfg, Progress progress, List<EpochStats> history,
                                     Snapshots snapshots) {
        if (pool.size() < 2) {
            throw new IllegalArgumentException("pool must hold at least 2 images, got " + pool.size());
        }
        SimSiamAugmentation aug = SimSiamAugmentation.forImages(pool, cfg.minCropScale());
        int c = pool.channels();
        int h = pool.height();
        int w = pool.width();
        long start = System.nanoTime();
        SimSiamNetwork net = SimSiamNetwork.training(cfg, c, h, w);
        SameDiff sd = net.graph();
        if (cfg.epochs() > 0) {
            fit(sd, pool, cfg, aug, progress, history, snapshots);
        }
        SimSiamModel model = SimSiamModel.fromTrainingGraph(sd, cfg, pool, aug.normalize(), history,
                (System.nanoTime() - start) / 1e9);
        progress.report("simsiam-done", cfg.epochs(), cfg.epochs(), "encoder=" + model.describe());
        return model;
    }

    private static void fit(SameDiff sd, ImageSet pool, SimSiamConfig cfg, SimSiamAugmentation aug,
                            Progress progress, List<EpochStats> history, Snapshots snapshots) {
        int batch = Math.min(cfg.batchSize(), pool.size());
        int c = pool.channels();
        int h = pool.height();
        int w = pool.width();
        int steps = pool.size() / batch;
        MomentumSgd sgd = new MomentumSgd(sd, cfg.momentum(), cfg.weightDecay());
        List<String> params = sgd.params();
        SplittableRandom runRandom = new SplittableRandom(cfg.seed());
        StepMemory memory = StepMemory.forTraining(sd);
        // augmentation of the next batch overlaps with the current step on another thread; that
        // thread fills plain float arrays only: ND4J arrays made on a second thread while the
        // first runs the graph gave NaN losses (measured), so INDArrays are made here
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "simsiam-augment");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
                double lr = MomentumSgd.cosineLearningRate(cfg.learningRate(), epoch, cfg.epochs());
                int[] order = permutation(pool.size(), runRandom.split());
                long epochSeed = runRandom.nextLong();
                long t0 = System.nanoTime();
                double lossSum = 0;
                double stdSum = 0;
                Future<float[][]> next = prefetch.submit(() -> aug.twoViewBuffers(pool, slice(order, 0, batch),
                        SeedDerivation.derive(epochSeed, 0)));
                for (int step = 0; step < steps; step++) {
                    INDArray[] views = SimSiamAugmentation.toBatch(next.get(), batch, c, h, w);
                    if (step + 1 < steps) {
                        int s = step + 1;
                        next = prefetch.submit(() -> aug.twoViewBuffers(pool, slice(order, s * batch, batch),
                                SeedDerivation.derive(epochSeed, s)));
                    }
                    memory.nextStep();
                    var result = sd.calculateGradientsAndOutputs(
                            Map.of(SimSiamNetwork.VIEW1, views[0], SimSiamNetwork.VIEW2, views[1]),
                            List.of(SimSiamNetwork.LOSS, SimSiamNetwork.Z1), params);
                    lossSum += result.getOutputs().get(SimSiamNetwork.LOSS).getDouble(0);
                    stdSum += collapseStd(result.getOutputs().get(SimSiamNetwork.Z1));
                    sgd.step(result.getGradients(), lr);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                EpochStats stats = new EpochStats(epoch + 1, lossSum / steps, stdSum / steps, lr,
                        steps * batch / seconds);
                history.add(stats);
                progress.report("simsiam-epoch", epoch + 1, cfg.epochs(), String.format(java.util.Locale.ROOT,
                        "loss=%.4f std=%.4f (1/sqrt(d)=%.4f) lr=%.4f img/s=%.1f %s", stats.loss(), stats.collapseStd(),
                        1 / Math.sqrt(cfg.projectorDim()), lr, stats.imagesPerSecond(), MemoryUse.now()));
                if (snapshots.wants(epoch + 1)) {
                    snapshots.accept(epoch + 1, SimSiamModel.fromTrainingGraph(sd, cfg, pool, aug.normalize(),
                            history, (System.nanoTime() - t0) / 1e9));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("SimSiam training interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("augmentation failed", e.getCause());
        } finally {
            prefetch.shutdownNow();
            memory.close();
        }
    }

    /** Mean over dimensions of the per-dimension std (over the batch) of row-L2-normalised z. */
    public static double collapseStd(INDArray z) {
        INDArray norms = z.norm2(1).addi(1e-8).reshape(z.rows(), 1);
        INDArray zn = z.divColumnVector(norms);
        return zn.std(false, 0).meanNumber().doubleValue();
    }

    /** A Fisher–Yates shuffle of 0..n-1 drawn from {@code rng}. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static int[] slice(int[] a, int from, int len) {
        return java.util.Arrays.copyOfRange(a, from, from + len);
    }

    /**
     * Inference BN statistics: the average, over batches of the first {@code cfg.bnStatsImages()}
     * pool images (normalized, not augmented), of each layer's batch mean and variance.
     * {@code trained} may hold more variables than the encoder (e.g. a classifier layer); only
     * the encoder's are read.
     */
    public static Map<String, INDArray> calibrate(SameDiff trained, SimSiamConfig cfg, ImageSet pool,
                                           org.ssal.learning.augment.Normalize normalize) {
        SimSiamNetwork calib = SimSiamNetwork.calibration(cfg, pool.channels(), pool.height(), pool.width());
        calib.copyWeightsFrom(trained);
        int n = Math.min(cfg.bnStatsImages(), pool.size());
        int batch = Math.max(2, Math.min(cfg.batchSize(), n));
        List<String> outputs = new ArrayList<>();
        for (String layer : calib.bnLayers()) {
            outputs.add(layer + "_mean");
            outputs.add(layer + "_var");
        }
        Map<String, INDArray> sums = new LinkedHashMap<>();
        int batches = 0;
        for (int from = 0; from + batch <= n || (from == 0 && batches == 0); from += batch) {
            int to = Math.min(from + batch, pool.size());
            INDArray x = ImageTensors.normalized(pool, from, to, normalize);
            Map<String, INDArray> out = calib.graph().output(Map.of(SimSiamNetwork.INPUT, x), outputs);
            out.forEach((k, v) -> sums.merge(k, v.dup(), INDArray::addi));
            batches++;
        }
        Map<String, INDArray> stats = new LinkedHashMap<>();
        for (String layer : calib.bnLayers()) {
            stats.put(layer + ".mean", sums.get(layer + "_mean").divi(batches));
            stats.put(layer + ".var", sums.get(layer + "_var").divi(batches));
        }
        return stats;
    }
}
