package org.ssal.tools.probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
import org.ssal.tools.cli.CatalogueChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Linear evaluation of SimSiam features (Chen &amp; He 2021, §4: "linear classification on frozen
 * features"): pretrain the encoder on the unlabeled pool, freeze it, fit a softmax head on pool
 * embeddings and report test accuracy. Baselines: the same encoder at random initialisation
 * (0 epochs; its BN statistics calibrated the same way) and raw pixels. Each is probed twice:
 * with every pool label and with a small class-balanced labeled subset, the regime of the first
 * active-learning rounds.
 *
 * <p>{@code --pool}/{@code --test} cap the splits with seeded class-balanced subsets (0 = all);
 * {@code --probe-every N} also probes a snapshot of the encoder every N epochs, so that one run
 * shows how the features improve with pretraining; {@code --model-seeds} repeats pretraining and
 * the random initialisation with each seed (same data, same labeled subset) and reports mean ± std,
 * so that a gap can be told from seed noise.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "linear probe of SimSiam features against random init and raw pixels")
public final class LinearProbeExperiment implements Callable<Integer> {
    @Option(names = "--dataset", converter = CatalogueChoice.Dataset.class,
            completionCandidates = CatalogueChoice.Dataset.class, description = "one of ${COMPLETION-CANDIDATES}")
    String dataset = "fashion-mnist";

    @Option(names = "--pool", description = "cap on the unlabeled pool, a seeded class-balanced subset (0 = all)")
    int pool = 10_000;

    @Option(names = "--test", description = "cap on the test split (0 = all)")
    int test = 2_000;

    @Option(names = "--epochs", description = "SimSiam pretraining epochs (0 = as many as --steps needs on this pool)")
    int epochs = 0;

    @Option(names = "--steps", description = "SimSiam pretraining SGD steps when --epochs is 0 (the campaign default)")
    int steps = SimSiamConfig.DEFAULT_STEPS;

    @Option(names = "--batch", description = "SimSiam batch size")
    int batch = 128;

    @Option(names = "--seed", description = "seed of the subsets (and of pretraining without --model-seeds)")
    long seed = 0;

    @Option(names = "--labels", description = "size of the small class-balanced labeled subset")
    int labels = 1_000;

    @Option(names = "--base-lr", description = "SimSiam base learning rate")
    double baseLr = SimSiamConfig.defaults().baseLr();

    @Option(names = "--crop-min", description = "smallest random-resized-crop scale")
    double cropMin = SimSiamConfig.PAPER_MIN_CROP_SCALE;

    @Option(names = "--probe-every", paramLabel = "N", description = "also probe a snapshot every N epochs (0 = none)")
    int probeEvery = 0;

    @Option(names = "--probe-steps", split = ",", paramLabel = "STEPS",
            description = "also probe a snapshot at the end of the first epoch reaching each of these step counts")
    List<Integer> probeSteps = List.of();

    @Option(names = "--model-seeds", split = ",", paramLabel = "SEED",
            description = "repeat pretraining and random init with each seed, report mean ± std (default: --seed only)")
    List<Long> modelSeeds;

    @Option(names = "--save", paramLabel = "DIR", description = "save the pretrained encoder(s) there")
    Path save;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        DatasetSplits splits = Datasets.load(new DatasetSpec(dataset, null, pool, test, seed, Map.of()));
        ImageSet train = splits.train();
        ImageSet testSet = splits.test();
        int trainEpochs = epochs > 0 ? epochs : SimSiamConfig.epochsForSteps(steps, train.size(), batch);
        SimSiamConfig cfg = SimSiamConfig.defaults().withEpochs(trainEpochs).withBatchSize(batch).withSeed(seed)
                .withBaseLr(baseLr).withMinCropScale(cropMin);
        long stepsPerEpoch = cfg.steps(train.size()) / Math.max(1, trainEpochs);
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
                    boolean stepMark = probeSteps.stream().anyMatch(s -> epoch * stepsPerEpoch >= s
                            && (epoch - 1) * stepsPerEpoch < s);
                    return epoch < seeded.epochs() && (every > 0 && epoch % every == 0 || stepMark);
                }

                @Override
                public void accept(int epoch, SimSiamModel snapshot) {
                    Probe row = probe(snapshot, " (" + epoch + " ep, " + epoch * stepsPerEpoch + " st)" + tag, train,
                            testSet, subset);
                    rows.add(row);
                    System.out.println("  snapshot " + row);
                }
            });
            System.out.printf(Locale.ROOT, "  SimSiam pretraining%s: %d epochs (%d steps) on %d images in %.0f s (final loss %s)%n",
                    tag, trainEpochs, cfg.steps(train.size()), train.size(), (System.nanoTime() - tTrain) / 1e9, simsiam.lossCurve().isEmpty() ? "n/a"
                            : String.format(Locale.ROOT, "%.4f", simsiam.lossCurve().get(simsiam.lossCurve().size() - 1)));
            if (save != null) {
                simsiam.save(modelSeeds == null ? save : save.resolve("seed-" + modelSeed));
            }
            Probe fin = probe(simsiam, " (" + trainEpochs + " ep, " + cfg.steps(train.size()) + " st)" + tag, train, testSet, subset);
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
            System.out.println(Probe.summary("simsiam (" + cfg.steps(train.size()) + " steps)", finals));
            System.out.println(Probe.summary("random-init", randoms));
        }
        System.out.printf(Locale.ROOT, "total time %.0f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
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
        TrainedHead head = SoftmaxHead.softmax().fit(x, y, numClasses);
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
