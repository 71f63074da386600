package org.ssal.learning.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssal.learning.Progress;

/**
 * The datasets ssal can load, by name: {@code fashion-mnist}, {@code cifar10}, {@code cifar100},
 * {@code tiny-imagenet}, {@code image-folder} and {@code synthetic}.
 *
 * <pre>{@code
 * DatasetSplits splits = Datasets.load(new DatasetSpec("cifar10", null, 5000, 1000, 42L, Map.of()));
 * }</pre>
 *
 * A spec's root of null means {@link #defaultRoot(String)}. Caps ({@link DatasetSpec#maxTrain()},
 * {@link DatasetSpec#maxTest()}) take a seeded class-balanced subset ({@link BalancedSubset})
 * before pixels are decoded, so a capped load of a large dataset reads only what it keeps.
 */
public final class Datasets {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the IDX files. */
    public static final Path FASHION_MNIST_SYSTEM_ROOT = Path.of("/usr/share/datasets/fashion-mnist");
    /** Environment variable naming the directory that holds one folder per dataset. */
    public static final String DATA_ENV = "SSAL_DATA";

    private static final Map<String, DatasetLoader> LOADERS = new LinkedHashMap<>();

    static {
        for (DatasetLoader loader : List.of(new FashionMnistLoader(), new Cifar10Loader(), new Cifar100Loader(),
                new TinyImageNetLoader(), new ImageFolderLoader(), new SyntheticLoader())) {
            LOADERS.put(loader.name(), loader);
        }
    }

    private Datasets() {
    }

    /** Names of the known datasets, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(LOADERS.keySet());
    }

    /** Loads the spec's train and test splits; see the loaders' formats in the package docs. */
    public static DatasetSplits load(DatasetSpec spec) throws IOException {
        return load(spec, Progress.NONE);
    }

    /** As {@link #load(DatasetSpec)}, reporting stages {@code load-<dataset>-<split>} to {@code progress}. */
    public static DatasetSplits load(DatasetSpec spec, Progress progress) throws IOException {
        DatasetLoader loader = loader(spec.name());
        Path root = spec.root() != null ? spec.root() : defaultRoot(spec.name());
        return loader.load(spec, root, progress == null ? Progress.NONE : progress);
    }

    /**
     * The synthetic dataset without checked exceptions, for tests and demos; {@code options} as
     * for {@code synthetic} (classes, train, test, size, channels, noise).
     */
    public static DatasetSplits synthetic(long seed, Map<String, String> options) {
        return new SyntheticLoader().load(new DatasetSpec(SyntheticLoader.NAME, null, 0, 0, seed, options),
                null, Progress.NONE);
    }

    /**
     * Where a dataset is read from when a spec gives no root: fashion-mnist from
     * /usr/share/datasets/fashion-mnist; the others from {@code $SSAL_DATA/<name>} when
     * SSAL_DATA is set, else {@code ~/.ssal/data/<name>}.
     */
    public static Path defaultRoot(String name) {
        return defaultRoot(name, System.getenv(DATA_ENV), System.getProperty("user.home"));
    }

    static Path defaultRoot(String name, String dataEnv, String home) {
        loader(name);
        if (name.equals(FashionMnistLoader.NAME)) {
            return FASHION_MNIST_SYSTEM_ROOT;
        }
        if (dataEnv != null && !dataEnv.isBlank()) {
            return Path.of(dataEnv).resolve(name);
        }
        return Path.of(home, ".ssal", "data", name);
    }

    /** Whether the dataset's files are present below {@code rootOrNull} (null = its default root). */
    public static boolean isInstalled(String name, Path rootOrNull) {
        DatasetLoader loader = loader(name);
        return loader.isInstalled(rootOrNull != null ? rootOrNull : defaultRoot(name));
    }

    private static DatasetLoader loader(String name) {
        DatasetLoader loader = LOADERS.get(name);
        if (loader == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known datasets: " + names());
        }
        return loader;
    }
}
