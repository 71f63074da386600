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
 * [--epochs 10] [--batch 128] [--seed 0] [--labels 1000] [--base-lr 0.03] [--crop-min 0.2]
 * [--probe-every 0] [--save DIR]}.
 * {@code --pool}/{@code --test} cap the splits with seeded class-balanced subsets (0 = all);
 * {@code --probe-every N} also probes a snapshot of the encoder every N epochs, so that one run
 * shows how the features improve with pretraining.
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
        List<String> rows = new ArrayList<>();
        int every = probeEvery;
        long tTrain = System.nanoTime();
        SimSiamModel simsiam = SimSiamTrainer.train(train, cfg, log, new ArrayList<>(), new SimSiamTrainer.Snapshots() {
            @Override
            public boolean wants(int epoch) {
                return every > 0 && epoch % every == 0 && epoch < cfg.epochs();
            }

            @Override
            public void accept(int epoch, SimSiamModel snapshot) {
                String row = probeRow(snapshot, " (" + epoch + " ep)", train, testSet, subset);
                rows.add(row);
                System.out.println("  snapshot " + row);
            }
        });
        double trainSeconds = (System.nanoTime() - tTrain) / 1e9;
        if (save != null) {
            simsiam.save(save);
        }
        SimSiamModel random = SimSiamTrainer.train(train, cfg.withEpochs(0), Progress.NONE);
        rows.add(probeRow(simsiam, " (" + epochs + " ep)", train, testSet, subset));
        rows.add(probeRow(random, "", train, testSet, subset));
        rows.add(probeRow(new PixelEncoder(train.pixelsPerImage()), "", train, testSet, subset));
        System.out.printf(Locale.ROOT, "%nSimSiam pretraining: %d epochs on %d images in %.0f s (final loss %s)%n",
                epochs, train.size(), trainSeconds, simsiam.lossCurve().isEmpty() ? "n/a"
                        : String.format(Locale.ROOT, "%.4f", simsiam.lossCurve().get(simsiam.lossCurve().size() - 1)));
        System.out.printf(Locale.ROOT, "test accuracy of a softmax probe (%d test images):%n", testSet.size());
        System.out.printf(Locale.ROOT, "| %-24s | %5s | %18s | %18s |%n", "features", "dim",
                "all " + train.size() + " labels", subset.length + " labels");
        System.out.println("|" + "-".repeat(26) + "|" + "-".repeat(7) + "|" + "-".repeat(20) + "|" + "-".repeat(20) + "|");
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "total time %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String probeRow(Encoder encoder, String suffix, ImageSet train, ImageSet testSet, int[] subset) {
        Embeddings poolEmb = encoder.embed(train, Progress.NONE);
        float[][] xTest = all(encoder.embed(testSet, Progress.NONE));
        double accAll = probe(all(poolEmb), labelsOf(train), xTest, labelsOf(testSet), train.numClasses());
        double accFew = probe(rows(poolEmb, subset), pick(labelsOf(train), subset), xTest, labelsOf(testSet),
                train.numClasses());
        return String.format(Locale.ROOT, "| %-24s | %5d | %18.4f | %18.4f |", encoder.describe() + suffix,
                encoder.dim(), accAll, accFew);
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
