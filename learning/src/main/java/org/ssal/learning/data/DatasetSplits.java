package org.ssal.learning.data;

/** The unlabeled pool (train split, with ground truth kept for simulated oracles) and the test split. */
public record DatasetSplits(String dataset, ImageSet train, ImageSet test) {
}
