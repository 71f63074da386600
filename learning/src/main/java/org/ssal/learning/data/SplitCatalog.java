package org.ssal.learning.data;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.List;
import org.ssal.learning.Progress;
import org.ssal.learning.seed.SeedDerivation;

/**
 * One split as known before its pixels are read: ids and labels in loader order, and a reader
 * for the pixels of chosen positions. Caps are applied here, so a capped load decodes only the
 * samples it keeps.
 */
final class SplitCatalog {
    /** Reads the CHW bytes of the given positions, which are ascending. */
    @FunctionalInterface
    interface PixelReader {
        byte[][] read(int[] positions, Progress progress) throws IOException;
    }

    private final String split;
    private final String[] ids;
    private final int[] labels;
    private final PixelReader reader;

    SplitCatalog(String split, String[] ids, int[] labels, PixelReader reader) {
        if (ids.length != labels.length) {
            throw new IllegalArgumentException("ids and labels of " + split + " differ in length: "
                    + ids.length + " vs " + labels.length);
        }
        this.split = split;
        this.ids = ids;
        this.labels = labels;
        this.reader = reader;
    }

    int size() {
        return ids.length;
    }

    /**
     * Only the samples of the given classes, relabelled 0..m−1 in the order given (ids stay the
     * file's, so a subset campaign's ids name the same images as a full one's).
     *
     * @param classes original label indices, distinct
     */
    SplitCatalog restrictedTo(int[] classes) {
        int[] newLabel = new int[Math.max(Arrays.stream(labels).max().orElse(0), Arrays.stream(classes).max().orElse(0)) + 1];
        Arrays.fill(newLabel, -1);
        for (int i = 0; i < classes.length; i++) {
            newLabel[classes[i]] = i;
        }
        int[] kept = IntStream.range(0, labels.length).filter(i -> newLabel[labels[i]] >= 0).toArray();
        String[] keptIds = new String[kept.length];
        int[] keptLabels = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            keptIds[i] = ids[kept[i]];
            keptLabels[i] = newLabel[labels[kept[i]]];
        }
        return new SplitCatalog(split, keptIds, keptLabels, (positions, progress) -> {
            int[] original = new int[positions.length];
            for (int i = 0; i < positions.length; i++) {
                original[i] = kept[positions[i]]; // ascending, as the reader needs: kept is
            }
            return reader.read(original, progress);
        });
    }

    /**
     * The split as an {@link ImageSet} named {@code dataset/split}, capped to a seeded
     * class-balanced subset of {@code cap} samples when {@code cap > 0}.
     */
    ImageSet load(String dataset, int channels, int height, int width, List<String> classNames,
                  int cap, long seed, Progress progress) throws IOException {
        int[] positions = BalancedSubset.select(labels, classNames.size(), cap, SeedDerivation.derive(seed, split));
        String[] keptIds = new String[positions.length];
        int[] keptLabels = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            keptIds[i] = ids[positions[i]];
            keptLabels[i] = labels[positions[i]];
        }
        byte[][] images = reader.read(positions, progress);
        return new ImageSet(dataset + "/" + split, channels, height, width, classNames,
                keptIds, keptLabels, images);
    }

    /** Ids as {@code dataset/split/000123}, zero-padded to {@code digits}. */
    static String[] numberedIds(String dataset, String split, int count, int digits) {
        String[] ids = new String[count];
        String format = "%s/%s/%0" + digits + "d";
        for (int i = 0; i < count; i++) {
            ids[i] = String.format(format, dataset, split, i);
        }
        return ids;
    }
}
