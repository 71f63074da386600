package org.ssal.learning.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ssal.learning.Progress;
import org.ssal.learning.data.BalancedSubset;
import org.ssal.learning.data.DatasetSpec;
import org.ssal.learning.data.DatasetSplits;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.embed.Embeddings;
import org.ssal.learning.embed.Encoder;
import org.ssal.learning.embed.PixelEncoder;
import org.ssal.learning.head.SoftmaxHead;
import org.ssal.learning.head.TrainedHead;
import org.ssal.learning.metrics.Evaluation;
import org.ssal.learning.ssl.SimSiamConfig;
import org.ssal.learning.ssl.SimSiamModel;
import org.ssal.learning.ssl.SimSiamTrainer;

/**
 * Linear evaluation of SimSiam features (Chen &amp; He 2021, §4: "linear classification on frozen
 * features"): pretrain the encoder on the unlabeled pool, freeze it, fit a softmax head on pool
 * embeddings and report test accuracy. Baselines: the same encoder at random initialisation
 * (0 epochs; its BN statistics calibrated the same way) and raw pixels. Each is probed twice:
 * with every pool label and with a small class-balanced labeled subset, the regime of the first
 * active-learning rounds.
 *
 * <p>Usage: {@code LinearProbeExperiment [--dataset fashion-mnist] [--pool 10000] [--test 2000]
 * [--epochs 10] [--batch 128] [--seed 0] [--labels 1000] [--base-lr 0.6] [--crop-min 0.2]
 * [--probe-every 0] [--model-seeds 0,1,2] [--save DIR]}.
 * {@code --pool}/{@code --test} cap the splits with seeded class-balanced subsets (0 = all);
 * {@code --probe-every N} also probes a snapshot of the encoder every N epochs, so that one run
 * shows how the features improve with pretraining; {@code --model-seeds} repeats pretraining and
 * the random initialisation with each seed (same data, same labeled subset) and reports mean ± std,
 * so that a gap can be told from seed noise.
 */
public final class LinearProbeExperiment {
    private LinearProbeExperiment() { }

    public static void main(String[] args) throws Exception {
        String dataset = "fashion-mnist";
        int pool = 10_000;
        int test = 2_000;
        int epochs = 10;
        int batch = 128;
        long seed = 0;
        int labels = 1_000;
        double baseLr = SimSiamConfig.defaults().baseLr();
        double cropMin = SimSiamConfig.PAPER_MIN_CROP_SCALE;
        int probeEvery = 0;
        List<Long> modelSeeds = null;
        Path save = null;
        for (int a = 0; a < args.length; a++) {
            String value = a + 1 < args.length ? args[a + 1] : null;
            switch (args[a]) {
                case "--dataset" -> dataset = value;
                case "--pool" -> pool = Integer.parseInt(value);
                case "--test" -> test = Integer.parseInt(value);
                case "--epochs" -> epochs = Integer.parseInt(value);
                case "--batch" -> batch = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--labels" -> labels = Integer.parseInt(value);
                case "--base-lr" -> baseLr = Double.parseDouble(value);
                case "--crop-min" -> cropMin = Double.parseDouble(value);
                case "--probe-every" -> probeEvery = Integer.parseInt(value);
                case "--model-seeds" -> modelSeeds = java.util.Arrays.stream(value.split(",")).map(String::trim)
                        .map(Long::parseLong).toList();
                case "--save" -> save = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
            a++;
        }
        long t0 = System.nanoTime();
        DatasetSplits splits = Datasets.load(new DatasetSpec(dataset, null, pool, test, seed, Map.of()));
        ImageSet train = splits.train();
        ImageSet testSet = splits.test();
        SimSiamConfig cfg = SimSiamConfig.defaults().withEpochs(epochs).withBatchSize(batch).withSeed(seed)
                .withBaseLr(baseLr).withMinCropScale(cropMin);
        System.out.printf(Locale.ROOT, "linear probe: %s pool=%d test=%d %dx%dx%d, labeled subset=%d, config %s%n",
                dataset, train.size(), testSet.size(), train.channels(), train.height(), train.width(), labels,
                cfg.toJson());
        Progress log = (stage, done, total, detail) -> {
            if (!stage.equals("embed")) {
                System.out.printf(Locale.ROOT, "  %s %d/%d %s%n", stage, done, total, detail);
            }
        };

        int[] subset = BalancedSubset.select(labelsOf(train), train.numClasses(), labels, seed);
        List<Probe> rows = new ArrayList<>();
        List<Probe> finals = new ArrayList<>();
        List<Probe> randoms = new ArrayList<>();
        int every = probeEvery;
        for (long modelSeed : modelSeeds == null ? List.of(seed) : modelSeeds) {
            SimSiamConfig seeded = cfg.withSeed(modelSeed);
            String tag = modelSeeds == null ? "" : " s" + modelSeed;
            long tTrain = System.nanoTime();
            SimSiamModel simsiam = SimSiamTrainer.train(train, seeded, log, new ArrayList<>(), new SimSiamTrainer.Snapshots() {
                @Override
                public boolean wants(int epoch) {
                    return every > 0 && epoch % every == 0 && epoch < seeded.epochs();
                }

                @Override
                public void accept(int epoch, SimSiamModel snapshot) {
                    Probe row = probe(snapshot, " (" + epoch + " ep)" + tag, train, testSet, subset);
                    rows.add(row);
                    System.out.println("  snapshot " + row);
                }
            });
            System.out.printf(Locale.ROOT, "  SimSiam pretraining%s: %d epochs on %d images in %.0f s (final loss %s)%n",
                    tag, epochs, train.size(), (System.nanoTime() - tTrain) / 1e9, simsiam.lossCurve().isEmpty() ? "n/a"
                            : String.format(Locale.ROOT, "%.4f", simsiam.lossCurve().get(simsiam.lossCurve().size() - 1)));
            if (save != null) {
                simsiam.save(modelSeeds == null ? save : save.resolve("seed-" + modelSeed));
            }
            Probe fin = probe(simsiam, " (" + epochs + " ep)" + tag, train, testSet, subset);
            Probe rnd = probe(SimSiamTrainer.train(train, seeded.withEpochs(0), Progress.NONE), tag, train, testSet,
                    subset);
            System.out.println("  " + fin + "\n  " + rnd);
            rows.add(fin);
            rows.add(rnd);
            finals.add(fin);
            randoms.add(rnd);
        }
        rows.add(probe(new PixelEncoder(train.pixelsPerImage()), "", train, testSet, subset));
        System.out.printf(Locale.ROOT, "%ntest accuracy of a softmax probe (%d test images):%n", testSet.size());
        System.out.printf(Locale.ROOT, "| %-28s | %5s | %18s | %18s |%n", "features", "dim",
                "all " + train.size() + " labels", subset.length + " labels");
        System.out.println("|" + "-".repeat(30) + "|" + "-".repeat(7) + "|" + "-".repeat(20) + "|" + "-".repeat(20) + "|");
        rows.forEach(System.out::println);
        if (finals.size() > 1) {
            System.out.printf(Locale.ROOT, "%nmean ± std over %d model seeds:%n", finals.size());
            System.out.println(Probe.summary("simsiam (" + epochs + " ep)", finals));
            System.out.println(Probe.summary("random-init", randoms));
        }
        System.out.printf(Locale.ROOT, "total time %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Test accuracy of a softmax probe on one feature set, with all pool labels and with the subset. */
    record Probe(String features, int dim, double all, double few) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "| %-28s | %5d | %18.4f | %18.4f |", features, dim, all, few);
        }

        static String summary(String name, List<Probe> probes) {
            double[] all = probes.stream().mapToDouble(Probe::all).toArray();
            double[] few = probes.stream().mapToDouble(Probe::few).toArray();
            return String.format(Locale.ROOT, "| %-28s | %5d | %9.4f ± %.4f | %9.4f ± %.4f |", name, probes.get(0).dim(),
                    mean(all), std(all), mean(few), std(few));
        }

        private static double mean(double[] x) {
            return java.util.Arrays.stream(x).average().orElse(Double.NaN);
        }

        /** Sample standard deviation (n − 1). */
        private static double std(double[] x) {
            double m = mean(x);
            return Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1));
        }
    }

    private static Probe probe(Encoder encoder, String suffix, ImageSet train, ImageSet testSet, int[] subset) {
        Embeddings poolEmb = encoder.embed(train, Progress.NONE);
        float[][] xTest = all(encoder.embed(testSet, Progress.NONE));
        double accAll = probe(all(poolEmb), labelsOf(train), xTest, labelsOf(testSet), train.numClasses());
        double accFew = probe(rows(poolEmb, subset), pick(labelsOf(train), subset), xTest, labelsOf(testSet),
                train.numClasses());
        return new Probe(encoder.describe() + suffix, encoder.dim(), accAll, accFew);
    }

    private static double probe(float[][] x, int[] y, float[][] xTest, int[] yTest, int numClasses) {
        TrainedHead head = new SoftmaxHead().fit(x, y, numClasses);
        return Evaluation.of(yTest, head.predict(xTest), numClasses).accuracy();
    }

    private static int[] labelsOf(ImageSet set) {
        int[] y = new int[set.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = set.label(i);
        }
        return y;
    }

    private static float[][] all(Embeddings e) {
        float[][] x = new float[e.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = e.vector(i);
        }
        return x;
    }

    private static float[][] rows(Embeddings e, int[] positions) {
        float[][] x = new float[positions.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = e.vector(positions[i]);
        }
        return x;
    }

    private static int[] pick(int[] y, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = y[positions[i]];
        }
        return out;
    }
}
