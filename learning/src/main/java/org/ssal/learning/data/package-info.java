/**
 * Datasets for labeling campaigns: {@link org.ssal.learning.data.Datasets} loads a
 * {@link org.ssal.learning.data.DatasetSpec} into a train pool and a test split
 * ({@link org.ssal.learning.data.DatasetSplits}) of {@link org.ssal.learning.data.ImageSet}s.
 *
 * <p>Every sample has a stable, human-readable id ({@code fashion-mnist/train/000123},
 * {@code cifar10/test/00042}, {@code tiny-imagenet/train/n01443537_0},
 * {@code image-folder/cat/001.png}, {@code synthetic/train/000007}) so that events and audits
 * never depend on the order in which a loader happened to read the files.
 *
 * <p>Loaders read only below the configured data root: every file is resolved to its real path
 * (symlinks and {@code ..} followed) and refused when that lies outside the root. Corrupt or
 * missing files raise an {@link java.io.IOException} that names the path and what was expected.
 */
package org.ssal.learning.data;
