package org.ssal.learning.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The unlabeled pool (train split, with ground truth kept for simulated oracles) and the test split,
 * with the files they were read from: {@code root} (real path, null for generated data) and the
 * real paths of exactly the files the loader read, sorted (a capped image folder names only the
 * images it kept). Provenance records hash these files.
 */
public record DatasetSplits(String dataset, ImageSet train, ImageSet test, Path root, List<Path> filesRead) {
    public DatasetSplits {
        filesRead = filesRead == null ? List.of() : List.copyOf(filesRead);
    }

    /** Generated data: no files. */
    public DatasetSplits(String dataset, ImageSet train, ImageSet test) {
        this(dataset, train, test, null, List.of());
    }
}
