package org.ssal.learning.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.ssal.learning.Progress;

/** Reads one dataset format; {@link Datasets} maps dataset names to loaders. */
interface DatasetLoader {
    String name();

    /** The keys this loader accepts in {@link DatasetSpec#options()}. */
    default Set<String> optionNames() {
        return Set.of();
    }

    /** Whether the files this loader needs are present below {@code root} (contents unchecked). */
    boolean isInstalled(Path root);

    /** Loads both splits, applying the spec's caps before any pixel is decoded. */
    DatasetSplits load(DatasetSpec spec, Path root, Progress progress) throws IOException;
}
