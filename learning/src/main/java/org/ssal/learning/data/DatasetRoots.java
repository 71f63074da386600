package org.ssal.learning.data;

import java.nio.file.Path;

/**
 * Resolves a configured data directory for a dataset: services and the CLI accept either the
 * dataset's own folder (e.g. the folder with the Fashion-MNIST .gz files) or a folder holding one
 * sub-folder per dataset name.
 */
public final class DatasetRoots {
    private DatasetRoots() {
    }

    /** The root to load {@code name} from; null (the dataset's default location) when nothing is configured. */
    public static Path resolve(String name, Path configured) {
        if (configured == null) {
            return null;
        }
        // the sub-folder first: a folder of datasets holding image-folder/ would otherwise pass
        // for an image folder itself (its sub-folders look like classes)
        Path own = configured.resolve(name);
        if (Datasets.isInstalled(name, own) || !Datasets.isInstalled(name, configured)) {
            return own;
        }
        return configured;
    }
}
