package org.ssal.learning.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to load: a dataset name (fashion-mnist, cifar10, cifar100, tiny-imagenet, image-folder,
 * synthetic), an optional root directory (null = the dataset's default location), optional caps on
 * the split sizes (0 = all; a cap takes a seeded class-balanced subset), the seed, and
 * dataset-specific options (e.g. {@code labels=coarse} for cifar100).
 */
public record DatasetSpec(String name, Path root, int maxTrain, int maxTest, long seed,
                          Map<String, String> options) {
    public DatasetSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name must not be blank");
        }
        if (maxTrain < 0) {
            throw new IllegalArgumentException("maxTrain must be >= 0, got " + maxTrain);
        }
        if (maxTest < 0) {
            throw new IllegalArgumentException("maxTest must be >= 0, got " + maxTest);
        }
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /**
     * Seed of a campaign's data (pool and test subsets, generated images): fixed, so that
     * campaigns differing only in their seed share one pool and one pretrained encoder and differ
     * only in their active-learning choices, and so that an oracle sees the same samples.
     */
    public static final long CAMPAIGN_DATA_SEED = 0L;

    /** The data of a campaign: see {@link #CAMPAIGN_DATA_SEED}. */
    public static DatasetSpec forCampaign(String name, Path root, int maxTrain, int maxTest, Map<String, String> options) {
        return new DatasetSpec(name, root, maxTrain, maxTest, CAMPAIGN_DATA_SEED, options);
    }

    public static DatasetSpec of(String name) {
        return new DatasetSpec(name, null, 0, 0, 0L, Map.of());
    }
}
